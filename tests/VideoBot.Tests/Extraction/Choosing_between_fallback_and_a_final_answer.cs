using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.Support;
using VideoBot.Tests.YtDlp;
using static VideoBot.Tests.Extraction.SiteScripts;

namespace VideoBot.Tests.Extraction;

/// <summary>
/// Bad answers from a site each get their own error kind, and the kind decides what happens next: HTML where the API's JSON
/// was expected means the plugin is out of date (the next extractor tries); a 403 or a login wall is the site's answer, final
/// unless the operator gave the plugin cookies, in which case yt-dlp tries with them; an empty media list is "no media".
/// The script reads the API the way platform scripts do (<c>response.json()</c>) and does not look at the status itself.
/// </summary>
public sealed class Choosing_between_fallback_and_a_final_answer : IAsyncLifetime, IDisposable
{
    private const string ReadsTheApi = """
        async function extract(request) {
          const post = (await http.fetch("https://www.site.example/api/" + request.match.id)).json();
          return { id: post.id, items: post.media.map(m => ({ formats: [{ url: m }] })) };
        }
        """;

    private const string Good = """
        function extract(request) {
          return { id: request.match.id, title: "From the second plugin", items: [{ formats: [{ url: "https://www.site.example/media/v.mp4" }] }] };
        }
        """;

    private readonly SiteScripts _scripts = new();
    private readonly TempFolder _folder = new();
    private FixtureSite _site = null!;

    public async Task InitializeAsync() => _site = await FixtureSite.StartAsync(app =>
    {
        app.MapGet("/api/html", () => Results.Content("<!doctype html><html><body>The new site</body></html>", "text/html"));
        app.MapGet("/api/forbidden", () => Results.Content("<html>Forbidden</html>", "text/html", statusCode: 403));
        app.MapGet("/api/walled", () => Results.Redirect("/accounts/login/?next=/api/walled"));
        app.MapGet("/accounts/login/", () => Results.Content("<html><form>Log in to see this post</form></html>", "text/html"));
        app.MapGet("/api/textonly", () => Results.Json(new { id = "textonly", media = Array.Empty<string>() }));
    });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    public void Dispose()
    {
        _scripts.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Html_where_json_was_expected_means_the_site_changed_and_the_next_plugin_tries()
    {
        _scripts.Add("first", 30, ReadsTheApi);
        _scripts.Add("second", 10, Good);

        var outcome = await _scripts.ExtractAsync(_site, Www + "/p/html");

        Assert.Equal("second", outcome.Plugin.Id);
    }

    [Fact]
    public async Task A_403_is_a_login_wall_and_the_final_answer_without_cookies()
    {
        _scripts.Add("first", 30, ReadsTheApi);
        _scripts.Add("second", 10, Good);

        var failure = await Assert.ThrowsAsync<ExtractionException>(() => _scripts.ExtractAsync(_site, Www + "/p/forbidden"));

        Assert.Equal(ExtractionErrorKind.LoginRequired, failure.Kind);
        Assert.Equal("script 'first': the response from https://www.site.example/api/forbidden is a refusal (403), not JSON", failure.Message);
    }

    [Fact]
    public async Task A_redirect_to_a_login_page_is_a_login_wall()
    {
        _scripts.Add("first", 30, ReadsTheApi);

        var failure = await Assert.ThrowsAsync<ExtractionException>(() => _scripts.ExtractAsync(_site, Www + "/p/walled"));

        Assert.Equal(ExtractionErrorKind.LoginRequired, failure.Kind);
        Assert.Contains("is a login page, not JSON", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_media_list_is_no_media_and_the_final_answer()
    {
        _scripts.Add("first", 30, ReadsTheApi);
        _scripts.Add("second", 10, Good);

        var failure = await Assert.ThrowsAsync<ExtractionException>(() => _scripts.ExtractAsync(_site, Www + "/p/textonly"));

        Assert.Equal(ExtractionErrorKind.NoMedia, failure.Kind);
    }

    [Theory]
    [InlineData("forbidden")]
    [InlineData("walled")]
    public async Task After_a_login_wall_yt_dlp_tries_with_the_operators_cookies_for_that_plugin(string post)
    {
        _scripts.Add("first", 30, ReadsTheApi);
        var (ytDlp, argv, cookiesSeen) = await YtDlpThatAnswersAsync();
        var cookies = Path.Combine(_folder.Path, "first-cookies.txt");
        await File.WriteAllTextAsync(cookies, ".site.example\tTRUE\t/\tTRUE\t4102444800\tsessionid\toperator-session\n");

        var outcome = await _scripts.ExtractAsync(_site, Www + "/p/" + post, ("YtDlp:Path", ytDlp), ("YtDlp:Cookies:first", cookies));

        Assert.Equal("first", outcome.Plugin.Id);
        Assert.Equal("Members only", outcome.Post.Title);
        Assert.NotNull(outcome.Via); // downloaded through yt-dlp, with the same plugin's cookies
        Assert.Equal(Www + "/p/" + post, (await File.ReadAllLinesAsync(argv))[^1]);
        Assert.Contains("operator-session", await File.ReadAllTextAsync(cookiesSeen), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookies_for_another_plugin_do_not_send_the_link_to_yt_dlp()
    {
        _scripts.Add("first", 30, ReadsTheApi);
        var (ytDlp, argv, _) = await YtDlpThatAnswersAsync();
        var cookies = Path.Combine(_folder.Path, "other-cookies.txt");
        await File.WriteAllTextAsync(cookies, ".other.example\tTRUE\t/\tTRUE\t4102444800\tsessionid\tx\n");

        var failure = await Assert.ThrowsAsync<ExtractionException>(() =>
            _scripts.ExtractAsync(_site, Www + "/p/forbidden", ("YtDlp:Path", ytDlp), ("YtDlp:Cookies:another", cookies)));

        Assert.Equal(ExtractionErrorKind.LoginRequired, failure.Kind);
        Assert.False(File.Exists(argv));
    }

    [Fact]
    public async Task A_hand_over_that_yt_dlp_finds_walled_is_not_run_twice()
    {
        // The plugin delegates; yt-dlp already ran with the cookies, so its login wall is the answer.
        _scripts.Add("first", 30, """function extract(request) { return { delegate: "yt-dlp", url: request.url }; }""");
        var runs = Path.Combine(_folder.Path, "runs");
        var ytDlp = await StandIn.WriteAsync(_folder.Path,
            $"echo \"$*\" >> '{runs}'\necho 'ERROR: [site] m1: This post is only available to logged-in users' >&2\nexit 1\n");
        var cookies = Path.Combine(_folder.Path, "first-cookies.txt");
        await File.WriteAllTextAsync(cookies, ".site.example\tTRUE\t/\tTRUE\t4102444800\tsessionid\toperator-session\n");

        var failure = await Assert.ThrowsAsync<ExtractionException>(() =>
            _scripts.ExtractAsync(_site, Www + "/p/abc", ("YtDlp:Path", ytDlp), ("YtDlp:Cookies:first", cookies)));

        Assert.Equal(ExtractionErrorKind.LoginRequired, failure.Kind);
        // Runs for the post, not the engine's one-time questions (--version, --help) to the same executable.
        Assert.Single(await File.ReadAllLinesAsync(runs), line => line.Contains(Www + "/p/abc", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_yt_dlp_knows_no_better_the_plugins_login_answer_stands()
    {
        // The real yt-dlp: it has no extractor for site.example, and the generic one is not a script plugin's to use.
        _scripts.Add("first", 30, ReadsTheApi);
        var cookies = Path.Combine(_folder.Path, "first-cookies.txt");
        await File.WriteAllTextAsync(cookies, ".site.example\tTRUE\t/\tTRUE\t4102444800\tsessionid\toperator-session\n");

        var failure = await Assert.ThrowsAsync<ExtractionException>(() =>
            _scripts.ExtractAsync(_site, Www + "/p/forbidden", ("YtDlp:Cookies:first", cookies)));

        Assert.Equal(ExtractionErrorKind.LoginRequired, failure.Kind);
        Assert.StartsWith("script 'first':", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>A yt-dlp stand-in that records its arguments and the cookies file it was given, and describes one video.</summary>
    private async Task<(string Path, string Argv, string CookiesSeen)> YtDlpThatAnswersAsync()
    {
        var argv = Path.Combine(_folder.Path, "argv");
        var seen = Path.Combine(_folder.Path, "cookies-seen");
        var script = await StandIn.WriteAsync(_folder.Path, $$"""
            printf '%s\n' "$@" > '{{argv}}'
            while [ $# -gt 0 ]; do [ "$1" = "--cookies" ] && cp "$2" '{{seen}}'; shift; done
            echo '{"id": "m1", "title": "Members only", "formats": [{"format_id": "18", "url": "https://www.site.example/media/m1.mp4", "protocol": "https", "ext": "mp4"}]}'
            """);
        return (script, argv, seen);
    }
}
