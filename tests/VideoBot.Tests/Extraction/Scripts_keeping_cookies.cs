using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Extraction;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Support;
using static VideoBot.Tests.Extraction.SiteScripts;

namespace VideoBot.Tests.Extraction;

/// <summary>
/// A script run's cookie jar, the way the reddit plugin uses it: a first page sets a session cookie and the JSON API refuses any
/// request without it. Run by the host's extraction service, so the jar is the one production lends.
/// </summary>
public sealed class Scripts_keeping_cookies : IAsyncLifetime, IDisposable
{
    private const string LoginThenApi = """
        async function extract(request) {
          await http.fetch("https://www.site.example/");
          const api = await http.fetch("https://www.site.example/api/" + request.match.id + ".json");
          if (api.status === 403) fail("LoginRequired", "the API wants the session cookie");
          const post = api.json();
          const jar = http.cookies("https://www.site.example/api/");
          return { id: post.id, title: post.title, description: Object.keys(jar).sort().join(","),
                   items: [{ formats: [{ url: "https://www.site.example/media/" + post.id + ".mp4" }] }] };
        }
        """;

    private const string ApiOnly = """
        async function extract(request) {
          const api = await http.fetch("https://www.site.example/api/" + request.match.id + ".json");
          if (api.status === 403) fail("LoginRequired", "the API wants the session cookie");
          const post = api.json();
          return { id: post.id, title: post.title, items: [{ formats: [{ url: "https://www.site.example/media/" + post.id + ".mp4" }] }] };
        }
        """;

    private readonly SiteScripts _scripts = new();
    private FixtureSite _site = null!;

    public async Task InitializeAsync() => _site = await FixtureSite.StartAsync(app =>
    {
        app.MapGet("/", (HttpContext c) =>
        {
            c.Response.Headers.Append("Set-Cookie", "loid=000000abc; Domain=site.example; Path=/; Secure");
            c.Response.Headers.Append("Set-Cookie", "session_tracker=xyz; Path=/");
            return Results.Content("<html>front page</html>", "text/html");
        });
        app.MapGet("/api/{id}.json", (string id, HttpContext c) =>
            c.Request.Cookies.TryGetValue("loid", out var loid) && loid != "logged-out" ? Results.Json(new { id, title = "Post " + id }) : Results.StatusCode(403));
    });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    public void Dispose() => _scripts.Dispose();

    [Fact]
    public async Task A_cookie_the_first_page_sets_opens_the_api_to_the_next_request()
    {
        _scripts.Add("site", 0, LoginThenApi);

        var outcome = await _scripts.ExtractAsync(_site, Www + "/p/abc");

        Assert.Equal("Post abc", outcome.Post.Title);
        Assert.Equal("loid,session_tracker", outcome.Post.Description);
        Assert.Equal(["/", "/api/abc.json"], _site.Requests);
    }

    [Fact]
    public async Task Runs_share_no_jar_even_in_one_host()
    {
        _scripts.Add("site", 0, """
            async function extract(request) {
              if (request.match.id === "warm") await http.fetch("https://www.site.example/");
              const api = await http.fetch("https://www.site.example/api/" + request.match.id + ".json");
              if (api.status === 403) fail("LoginRequired", "the API wants the session cookie");
              return { id: api.json().id, items: [{ formats: [{ url: "https://www.site.example/media/v.mp4" }] }] };
            }
            """);
        await using var host = _scripts.Services(_site);
        var extraction = host.GetRequiredService<LinkExtraction>();

        var warm = await extraction.ExtractAsync(Www + "/p/warm", CancellationToken.None);
        var cold = await Assert.ThrowsAsync<ExtractionException>(() => extraction.ExtractAsync(Www + "/p/cold", CancellationToken.None));

        Assert.Equal("warm", warm.Post.Id);
        Assert.Equal(ExtractionErrorKind.LoginRequired, cold.Kind);
        Assert.Equal(["/", "/api/warm.json", "/api/cold.json"], _site.Requests);
    }

    [Fact]
    public async Task The_operators_cookies_file_starts_the_jar_for_the_permitted_hosts()
    {
        _scripts.Add("site", 0, ApiOnly);
        var cookies = Path.Combine(_scripts.Directory, "site-cookies.txt");
        await File.WriteAllTextAsync(cookies,
            "# Netscape HTTP Cookie File\n.site.example\tTRUE\t/\tTRUE\t4102444800\tloid\toperator\n");

        var outcome = await _scripts.ExtractAsync(_site, Www + "/p/abc", ("YtDlp:Cookies:site", cookies));

        Assert.Equal("Post abc", outcome.Post.Title);
    }

    [Fact]
    public async Task With_a_folder_of_accounts_each_run_takes_one_and_an_account_the_site_refuses_rests()
    {
        _scripts.Add("site", 0, ApiOnly);
        var accounts = Path.Combine(_scripts.Directory, "site-accounts");
        Directory.CreateDirectory(accounts);
        await File.WriteAllTextAsync(Path.Combine(accounts, "1.txt"), ".site.example\tTRUE\t/\tTRUE\t4102444800\tloid\tlogged-out\n");
        await File.WriteAllTextAsync(Path.Combine(accounts, "2.txt"), ".site.example\tTRUE\t/\tTRUE\t4102444800\tloid\tsecond\n");
        await using var host = _scripts.Services(_site, ("YtDlp:Cookies:site", accounts));
        var extraction = host.GetRequiredService<LinkExtraction>();

        var refused = await Assert.ThrowsAsync<ExtractionException>(() => extraction.ExtractAsync(Www + "/p/one", CancellationToken.None));
        var titles = new List<string>();
        foreach (var id in new[] { "two", "three", "four" })
        {
            titles.Add((await extraction.ExtractAsync(Www + "/p/" + id, CancellationToken.None)).Post.Title!);
        }

        Assert.Equal(ExtractionErrorKind.LoginRequired, refused.Kind);
        Assert.Equal(["Post two", "Post three", "Post four"], titles);
    }

    [Fact]
    public async Task A_missing_operator_cookies_file_is_a_clear_plugin_fault()
    {
        _scripts.Add("site", 0, ApiOnly);

        var failure = await Assert.ThrowsAsync<ExtractionException>(() =>
            _scripts.ExtractAsync(_site, Www + "/p/abc", ("YtDlp:Cookies:site", "/nonexistent/cookies.txt")));

        Assert.Equal(ExtractionErrorKind.PluginFault, failure.Kind);
        Assert.Equal("The cookies file configured for plugin 'site' (YtDlp:Cookies) does not exist or can't be read.", failure.Message);
    }
}
