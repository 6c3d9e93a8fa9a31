using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Extraction;
using VideoBot.Host.Hosting;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Plugins;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Platforms;

/// <summary>
/// The real reddit plugin, run by the host's extraction service, against a loopback site playing old.reddit.com and
/// www.reddit.com (through <c>Network:OriginOverrides</c>, which keeps the Host header, so cookies belong to Reddit's names).
/// As Reddit does since 2026, the <c>.json</c> API answers a 403 block page to a request without the <c>loid</c> cookie, so
/// the post only comes out when the cookie set by a session page travels to the JSON request through the run's cookie jar.
/// </summary>
public sealed class RedditCookieJarTests : IAsyncLifetime, IDisposable
{
    private const string Post = "https://www.reddit.com/r/ContagiousLaughter/comments/124pp33/harmless_prank_of_some_old_friends/";
    private const string Loid = "000000000zx5r0gd0k.2.1733342400000.Z0FBQUFBQm5VR0FBbFBkZ3ZMVk1pQ2RvS2hOb2t5SDRfUnFCeDVHQ3p3";
    private const string SetLoid = "loid=" + Loid + "; Domain=reddit.com; Max-Age=63071999; Path=/; secure; SameSite=None; Secure";

    private static readonly string Fixtures = Path.Combine(RepoPaths.Plugin("reddit"), "fixtures");

    private readonly TempPlugins _plugins = new();
    private readonly List<string> _served = [];
    private FixtureSite _site = null!;

    /// <summary>Which session page sets <c>loid</c>: "old", "shreddit" or neither.</summary>
    private string _setsCookie = "old";

    public async Task InitializeAsync()
    {
        CopyPlugin(RepoPaths.Plugin("reddit"), Path.Combine(_plugins.Directory, "reddit"));
        _site = await FixtureSite.StartAsync(app => app.Run(Serve));
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    public void Dispose() => _plugins.Dispose();

    [Fact]
    public async Task The_loid_cookie_old_reddit_sets_reaches_the_json_request_and_the_post_comes_out()
    {
        var outcome = await ExtractAsync();

        Assert.Equal("reddit", outcome.Plugin.Id);
        Assert.Equal("124pp33", outcome.Post.Id);
        Assert.Equal("Harmless prank of some old friends", outcome.Post.Title);
        Assert.Equal(
            ["old.reddit.com/ (no cookie)", "www.reddit.com/comments/124pp33/.json?raw_json=1 (loid=" + Loid + ")"],
            Served());
    }

    [Fact]
    public async Task When_old_reddit_sets_no_cookie_the_one_from_svc_shreddit_reaches_the_json_request()
    {
        _setsCookie = "shreddit";

        var outcome = await ExtractAsync();

        Assert.Equal("124pp33", outcome.Post.Id);
        var served = Served();
        Assert.Equal(3, served.Count);
        Assert.StartsWith("www.reddit.com/svc/shreddit/r/ContagiousLaughter/comments/124pp33?seeker-session=false&render-mode=partial&referer=", served[1], StringComparison.Ordinal);
        Assert.Equal("www.reddit.com/comments/124pp33/.json?raw_json=1 (loid=" + Loid + ")", served[2]);
    }

    [Fact]
    public async Task When_neither_session_page_sets_a_cookie_the_refused_json_is_a_login_wall()
    {
        _setsCookie = "none";

        var failure = await Assert.ThrowsAsync<ExtractionException>(() => ExtractAsync());

        Assert.Equal(ExtractionErrorKind.LoginRequired, failure.Kind);
        Assert.Contains("no session cookie (loid)", failure.Message, StringComparison.Ordinal);
        Assert.Equal(3, Served().Count);
        Assert.All(Served(), line => Assert.EndsWith("(no cookie)", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_operator_reddit_session_cookie_skips_the_session_pages_and_reaches_the_json_request()
    {
        _setsCookie = "none";
        var cookies = Path.Combine(_plugins.Directory, "reddit-cookies.txt");
        await File.WriteAllTextAsync(cookies,
            "# Netscape HTTP Cookie File\n.reddit.com\tTRUE\t/\tTRUE\t4102444800\treddit_session\toperator-session\n");

        var outcome = await ExtractAsync(("YtDlp:Cookies:reddit", cookies));

        Assert.Equal("124pp33", outcome.Post.Id);
        Assert.Equal(["www.reddit.com/comments/124pp33/.json?raw_json=1 (reddit_session=operator-session)"], Served());
    }

    /// <summary>Reddit's hosts, told apart by the Host header the origin override keeps.</summary>
    private async Task Serve(HttpContext http)
    {
        var request = http.Request;
        var cookie = request.Headers.Cookie.ToString();
        lock (_served)
        {
            _served.Add($"{request.Host}{request.Path}{request.QueryString} ({(cookie.Length > 0 ? cookie : "no cookie")})");
        }

        var host = request.Host.Host;
        var path = request.Path.Value ?? "";
        if (host == "old.reddit.com" && path == "/")
        {
            await Page(http, "old-reddit-home.html", _setsCookie == "old");
        }
        else if (host == "www.reddit.com" && path.StartsWith("/svc/shreddit/", StringComparison.Ordinal))
        {
            await Page(http, "shreddit-partial-124pp33.html", _setsCookie == "shreddit");
        }
        else if (host == "www.reddit.com" && path == "/comments/124pp33/.json")
        {
            var session = request.Cookies.ContainsKey("loid") || request.Cookies.ContainsKey("reddit_session");
            await (session
                ? FixtureSite.File(Path.Combine(Fixtures, "post-124pp33.json"), "application/json; charset=UTF-8")
                : Results.Content(await File.ReadAllTextAsync(Path.Combine(Fixtures, "json-api-blocked.html")), "text/html; charset=utf-8", statusCode: 403))
                .ExecuteAsync(http);
        }
        else
        {
            http.Response.StatusCode = 404;
        }
    }

    private static async Task Page(HttpContext http, string file, bool setsLoid)
    {
        if (setsLoid)
        {
            http.Response.Headers.Append("Set-Cookie", SetLoid);
        }

        await FixtureSite.File(Path.Combine(Fixtures, file), "text/html; charset=UTF-8").ExecuteAsync(http);
    }

    private List<string> Served()
    {
        lock (_served)
        {
            return [.. _served];
        }
    }

    private async Task<ExtractionOutcome> ExtractAsync(params (string Key, string Value)[] settings)
    {
        var origin = _site.BaseUrl.GetLeftPart(UriPartial.Authority);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plugins:Directory"] = _plugins.Directory,
            ["Plugins:Watch"] = "false",
            ["Storage:Directory"] = Path.Combine(_plugins.Directory, "data"),
            ["YtDlp:EnableGeneric"] = "false",
            ["Network:AllowPrivateAddresses"] = "true",
            ["Network:OriginOverrides:https://old.reddit.com"] = origin,
            ["Network:OriginOverrides:https://www.reddit.com"] = origin,
            ["Network:OriginOverrides:https://oauth.reddit.com"] = origin,
        }.Concat(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddVideoBotCore(configuration);
        await using var provider = services.BuildServiceProvider();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await provider.GetRequiredService<LinkExtraction>().ExtractAsync(Post, timeout.Token);
    }

    private static void CopyPlugin(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }
}
