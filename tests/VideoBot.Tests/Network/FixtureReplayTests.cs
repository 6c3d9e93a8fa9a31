using System.Net;
using System.Text.Json;
using VideoBot.Host.Manifests;
using VideoBot.Host.Network;
using VideoBot.Sdk.Extraction;
using VideoBot.Host.PluginTesting;
using static VideoBot.Tests.Network.NetworkTestKit;

namespace VideoBot.Tests.Network;

public sealed class FixtureReplayTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("videobot-replay-").FullName;
    private readonly string _plugin;
    private readonly List<IDisposable> _owned = [];

    public FixtureReplayTests()
    {
        _plugin = Directory.CreateDirectory(Path.Combine(_root, "plugin")).FullName;
        Directory.CreateDirectory(Path.Combine(_plugin, "fixtures"));
        File.WriteAllText(Path.Combine(_plugin, "fixtures", "post.json"), """{"id":"abc","title":"A post"}""");
        File.WriteAllText(Path.Combine(_plugin, "fixtures", "page.html"), "<html><title>Page</title></html>");
        File.WriteAllText(Path.Combine(_root, "secret.txt"), "outside the plugin");
    }

    public void Dispose()
    {
        _owned.ForEach(o => o.Dispose());
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task A_file_fixture_is_served_with_the_content_type_of_its_extension()
    {
        using var http = Client(new() { ["https://api.example.com/post/abc"] = "\"fixtures/post.json\"", ["https://www.example.com/p"] = "\"fixtures/page.html\"" });

        using var json = await http.GetAsync("https://api.example.com/post/abc");
        using var page = await http.GetAsync("https://www.example.com/p");

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.Equal("""{"id":"abc","title":"A post"}""", await json.Content.ReadAsStringAsync());
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Inline_JSON_body_status_and_headers_are_served()
    {
        using var http = Client(new()
        {
            ["https://api.example.com/json"] = """{ "json": { "items": [1, 2] } }""",
            ["https://api.example.com/gone"] = """{ "status": 410, "body": "removed", "headers": { "X-Reason": "deleted", "Retry-After": "5" } }""",
            ["https://api.example.com/typed"] = """{ "body": "#EXTM3U", "contentType": "application/vnd.apple.mpegurl" }""",
        });

        using var json = await http.GetAsync("https://api.example.com/json");
        using var gone = await http.GetAsync("https://api.example.com/gone");
        using var typed = await http.GetAsync("https://api.example.com/typed");

        Assert.Equal("""{ "items": [1, 2] }""", await json.Content.ReadAsStringAsync());
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal("removed", await gone.Content.ReadAsStringAsync());
        Assert.Equal(["deleted"], gone.Headers.GetValues("X-Reason"));
        Assert.Equal(TimeSpan.FromSeconds(5), gone.Headers.RetryAfter!.Delta);
        Assert.Equal("application/vnd.apple.mpegurl", typed.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Query_parameters_match_in_any_order_but_otherwise_exactly()
    {
        using var http = Client(new() { ["https://api.example.com/search?q=cat&page=2"] = """{ "body": "found" }""" });

        Assert.Equal("found", await http.GetStringAsync("https://api.example.com/search?page=2&q=cat"));
        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetStringAsync("https://api.example.com/search?page=3&q=cat"));
        Assert.Equal(ExtractionErrorKind.Network, error.Kind);
    }

    [Fact]
    public async Task An_unmatched_request_names_the_URL_and_where_to_add_it()
    {
        using var http = Client(new() { ["https://api.example.com/post/abc"] = "\"fixtures/post.json\"" }, testIndex: 2);

        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetStringAsync("https://api.example.com/post/abc/"));

        Assert.Equal(ExtractionErrorKind.Network, error.Kind);
        Assert.Equal("no fixture for GET https://api.example.com/post/abc/; add it to tests[2].fixtures", error.Message);
    }

    [Fact]
    public async Task A_recorded_redirect_is_followed_to_the_next_fixture_under_the_same_permissions()
    {
        using var http = Client(new()
        {
            ["https://www.example.com/s/xyz"] = """{ "status": 301, "headers": { "Location": "https://www.example.com/post/abc" } }""",
            ["https://www.example.com/post/abc"] = "\"fixtures/post.json\"",
            ["https://www.example.com/s/away"] = """{ "status": 302, "headers": { "Location": "https://evil.test/" } }""",
        });

        using var response = await http.GetAsync("https://www.example.com/s/xyz");
        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetStringAsync("https://www.example.com/s/away"));

        Assert.Equal(new Uri("https://www.example.com/post/abc"), response.RequestMessage!.RequestUri);
        Assert.Equal(ExtractionErrorKind.PermissionDenied, error.Kind);
        Assert.Equal("plugin 'example' may not reach evil.test: not in permissions.network", error.Message);
    }

    [Fact]
    public async Task The_replay_never_serves_a_host_outside_the_permissions()
    {
        using var http = Client(new() { ["https://other.test/x"] = """{ "body": "should not be read" }""" });

        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetStringAsync("https://other.test/x"));

        Assert.Equal(ExtractionErrorKind.PermissionDenied, error.Kind);
    }

    [Theory]
    [InlineData("../secret.txt", "is outside the plugin folder")]
    [InlineData("fixtures/../../secret.txt", "is outside the plugin folder")]
    [InlineData("/etc/passwd", "must be a path relative to the plugin folder")]
    [InlineData("fixtures/missing.json", "does not exist")]
    public void A_fixture_path_that_leaves_the_plugin_folder_or_is_missing_is_refused(string path, string reason)
    {
        var fixtures = Fixtures(new() { ["https://api.example.com/x"] = JsonSerializer.Serialize(new { file = path }) });

        var error = Assert.Throws<FixtureException>(() => new FixtureReplayHandler(_plugin, fixtures, "tests[0].fixtures"));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("tests[0].fixtures[\"https://api.example.com/x\"].file: ", problem, StringComparison.Ordinal);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_to_a_file_outside_the_plugin_folder_is_refused()
    {
        File.CreateSymbolicLink(Path.Combine(_plugin, "fixtures", "link.json"), Path.Combine(_root, "secret.txt"));

        var problems = FixtureReplayHandler.Check(_plugin, Fixtures(new() { ["https://api.example.com/x"] = "\"fixtures/link.json\"" }), "tests[0].fixtures");

        Assert.Contains("links to a file outside the plugin folder", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_in_a_tests_fixtures_is_reported_at_once()
    {
        var problems = FixtureReplayHandler.Check(_plugin, Fixtures(new()
        {
            ["ftp://example.com/x"] = "\"fixtures/post.json\"",
            ["https://api.example.com/a"] = "42",
            ["https://api.example.com/b"] = """{ "status": 999, "bodyy": "typo" }""",
            ["https://api.example.com/c"] = """{ "body": "x", "json": {} }""",
            ["https://api.example.com/ok"] = "\"fixtures/post.json\"",
        }), "tests[1].fixtures");

        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.Contains("must be an absolute http or https URL", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("must be a file path or an object", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(".status: must be an HTTP status", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(".bodyy: unknown field", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("give only one of file, body and json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fixtures_no_request_asked_for_are_listed_as_unused()
    {
        var handler = new FixtureReplayHandler(_plugin, Fixtures(new()
        {
            ["https://api.example.com/post/abc"] = "\"fixtures/post.json\"",
            ["https://api.example.com/stale"] = """{ "body": "old" }""",
        }), "tests[0].fixtures");
        using var gateway = Gateway(allowPrivate: false);
        using var http = gateway.ForPlugin(Manifest("example", "api.example.com"), handler);

        await http.GetStringAsync("https://api.example.com/post/abc");

        Assert.Equal(["https://api.example.com/stale"], handler.Unused);
    }

    [Fact]
    public async Task The_plugin_response_cap_applies_to_replayed_responses()
    {
        File.WriteAllBytes(Path.Combine(_plugin, "fixtures", "big.mp4"), new byte[200 * 1024]);
        var handler = new FixtureReplayHandler(_plugin, Fixtures(new() { ["https://cdn.example.com/v.mp4"] = "\"fixtures/big.mp4\"" }), "tests[0].fixtures");
        using var gateway = Gateway(allowPrivate: false);
        var manifest = Manifest("example", "*.example.com") with { Limits = new PluginManifest.LimitsSection { MaxResponseKb = 100 } };
        using var http = gateway.ForPlugin(manifest, handler);

        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetByteArrayAsync("https://cdn.example.com/v.mp4"));

        Assert.Equal(ExtractionErrorKind.PluginFault, error.Kind);
    }

    [Fact]
    public async Task A_replayed_set_cookie_is_kept_by_the_runs_jar_and_sent_on_the_next_request()
    {
        var replay = new FixtureReplayHandler(_plugin, Fixtures(new()
        {
            ["https://old.example.com/"] = """{ "body": "front", "headers": { "Set-Cookie": "loid=0001; Domain=example.com; Path=/; Secure" } }""",
            ["https://www.example.com/r/x/comments/1/.json"] = """{ "json": [] }""",
        }), "tests[0].fixtures");
        var seen = new CookieSpy { InnerHandler = replay };
        using var gateway = Gateway(allowPrivate: false);
        using var http = gateway.ForPlugin(Manifest("example", "old.example.com", "www.example.com"), seen);

        await http.GetStringAsync("https://old.example.com/");
        await http.GetStringAsync("https://www.example.com/r/x/comments/1/.json");

        Assert.Equal([null, "loid=0001"], seen.Cookies);
    }

    /// <summary>Notes the Cookie header of every request that reaches the transport.</summary>
    private sealed class CookieSpy : DelegatingHandler
    {
        public List<string?> Cookies { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Cookies.Add(request.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : null);
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public void A_manifest_test_builds_its_replay_with_its_index_in_messages()
    {
        var test = new ManifestTest { Url = "https://www.example.com/p/1", Fixtures = Fixtures(new() { ["https://www.example.com/p/1"] = "\"nope.json\"" }) };

        var error = Assert.Throws<FixtureException>(() => FixtureReplayHandler.ForTest(_plugin, test, 3));

        Assert.StartsWith("tests[3].fixtures[\"https://www.example.com/p/1\"]: the file 'nope.json' does not exist", error.Message, StringComparison.Ordinal);
    }

    private HttpClient Client(Dictionary<string, string> fixtures, int testIndex = 0)
    {
        var handler = new FixtureReplayHandler(_plugin, Fixtures(fixtures), $"tests[{testIndex}].fixtures");
        var gateway = Gateway(allowPrivate: false);
        _owned.Add(gateway);
        return gateway.ForPlugin(Manifest("example", "*.example.com", "api.example.com"), handler);
    }

    private static Dictionary<string, JsonElement> Fixtures(Dictionary<string, string> json) =>
        json.ToDictionary(p => p.Key, p => JsonDocument.Parse(p.Value).RootElement.Clone());
}
