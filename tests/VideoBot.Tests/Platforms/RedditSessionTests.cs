using System.Text;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Tests.Platforms;

/// <summary>
/// How the reddit script gets past the JSON API's session requirement of 2026: an anonymous session page first (as yt-dlp),
/// or app-only OAuth on oauth.reddit.com when the operator configured a Reddit app (as cobalt and gallery-dl).
/// </summary>
public sealed class RedditSessionTests
{
    private const string Post = "https://www.reddit.com/r/ContagiousLaughter/comments/124pp33/harmless_prank_of_some_old_friends/";
    private const string TokenUrl = "https://www.reddit.com/api/v1/access_token";
    private const string OAuthListing = "https://oauth.reddit.com/comments/124pp33/.json?raw_json=1";
    private const string Token = """{ "json": { "access_token": "eyJhbGciOiJSUzI1NiIsImtpZCI6IlNIQTI1NjpzS3dsMnlsV0VtMjVmcXhwTU40cWY4MXE2OWFFdWFyMnpLMUdhVGxjdWNZIiwidHlwIjoiSldUIn0", "token_type": "bearer", "expires_in": 86400, "scope": "*" } }""";
    private const string Listing = """{ "file": "fixtures/post-124pp33.json" }""";

    [Fact]
    public async Task Without_app_credentials_the_session_page_comes_before_the_json_listing()
    {
        var sent = new List<ManifestTestRunner.SentRequest>();

        var outcome = await ManifestTestRunner.RunAsync("reddit", 0, sent: sent);

        Assert.NotNull(outcome.Post);
        Assert.Equal(["https://old.reddit.com/", "https://www.reddit.com/comments/124pp33/.json?raw_json=1"], sent.Select(r => r.Url.AbsoluteUri));
        Assert.DoesNotContain(sent, r => r.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task With_a_client_id_and_secret_the_post_comes_from_oauth_reddit_com_with_an_app_only_token()
    {
        var sent = new List<ManifestTestRunner.SentRequest>();
        var settings = new Dictionary<string, string> { ["clientId"] = "p-jcoLKBynTLew", ["clientSecret"] = "gko_LXELoV07ZBNUXrvWZfzE3aI", ["userAgent"] = "linux:videobot:1.1 (by /u/operator)" };

        var outcome = await ManifestTestRunner.RunAsync("reddit", Post, ManifestTestRunner.Fixtures((TokenUrl, Token), (OAuthListing, Listing)), settings: settings, sent: sent);

        Assert.Equal("124pp33", outcome.Post?.Id);
        Assert.Equal([TokenUrl, OAuthListing], sent.Select(r => r.Url.AbsoluteUri));
        var token = sent[0];
        Assert.Equal(HttpMethod.Post, token.Method);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("p-jcoLKBynTLew:gko_LXELoV07ZBNUXrvWZfzE3aI")), token.Headers["Authorization"]);
        Assert.Equal("grant_type=client_credentials", token.Body);
        Assert.StartsWith("application/x-www-form-urlencoded", token.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6IlNIQTI1NjpzS3dsMnlsV0VtMjVmcXhwTU40cWY4MXE2OWFFdWFyMnpLMUdhVGxjdWNZIiwidHlwIjoiSldUIn0", sent[1].Headers["Authorization"]);
        Assert.All(sent, r => Assert.Equal("linux:videobot:1.1 (by /u/operator)", r.Headers["User-Agent"]));
    }

    [Fact]
    public async Task An_installed_app_without_a_secret_asks_for_an_installed_client_token_as_gallery_dl_does()
    {
        var sent = new List<ManifestTestRunner.SentRequest>();
        var settings = new Dictionary<string, string> { ["clientId"] = "6N9uN0krSDE-ig" };

        var outcome = await ManifestTestRunner.RunAsync("reddit", Post, ManifestTestRunner.Fixtures((TokenUrl, Token), (OAuthListing, Listing)), settings: settings, sent: sent);

        Assert.NotNull(outcome.Post);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("6N9uN0krSDE-ig:")), sent[0].Headers["Authorization"]);
        Assert.Equal("grant_type=https%3A%2F%2Foauth.reddit.com%2Fgrants%2Finstalled_client&device_id=DO_NOT_TRACK_THIS_DEVICE", sent[0].Body);
    }

    [Fact]
    public async Task Refused_app_credentials_fall_back_to_the_anonymous_session_and_still_give_the_post()
    {
        var sent = new List<ManifestTestRunner.SentRequest>();
        var settings = new Dictionary<string, string> { ["clientId"] = "revoked-app", ["clientSecret"] = "old-secret" };
        var fixtures = ManifestTestRunner.Fixtures(
            (TokenUrl, """{ "status": 401, "json": { "message": "Unauthorized", "error": 401 } }"""),
            ("https://old.reddit.com/", """{ "contentType": "text/html", "headers": { "Set-Cookie": "loid=0000000001a2b3c4d5.2.1733342400000.Z0FB; Domain=reddit.com; Path=/; Secure" }, "body": "<html></html>" }"""),
            ("https://www.reddit.com/comments/124pp33/.json?raw_json=1", Listing));

        var outcome = await ManifestTestRunner.RunAsync("reddit", Post, fixtures, settings: settings, sent: sent);

        Assert.Equal("124pp33", outcome.Post?.Id);
        Assert.Equal([TokenUrl, "https://old.reddit.com/", "https://www.reddit.com/comments/124pp33/.json?raw_json=1"], sent.Select(r => r.Url.AbsoluteUri));
    }

    [Fact]
    public async Task A_private_subreddit_through_oauth_still_needs_a_login()
    {
        var settings = new Dictionary<string, string> { ["clientId"] = "p-jcoLKBynTLew", ["clientSecret"] = "s" };
        var fixtures = ManifestTestRunner.Fixtures(
            (TokenUrl, Token),
            (OAuthListing, """{ "status": 403, "json": { "reason": "private", "message": "Forbidden", "error": 403 } }"""));

        var outcome = await ManifestTestRunner.RunAsync("reddit", Post, fixtures, settings: settings);

        Assert.Equal(ExtractionErrorKind.LoginRequired, outcome.Error?.Kind);
    }
}
