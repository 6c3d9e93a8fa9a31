using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VideoBot.Benchmarks;

/// <summary>
/// A video site on 127.0.0.1: <c>/watch/{name}</c> is a page in the shape the generic extractor reads (og:video, a JSON-LD
/// VideoObject, a &lt;video&gt; tag) and <c>/media/{name}.mp4</c> the file, with range support as a CDN has. <c>/jw/{name}</c> is a
/// JW Player page, which the generic plugin does not read and hands to yt-dlp (a delegated job); its views are counted.
/// </summary>
internal sealed class BenchSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, string> _files;
    private int _playerPageViews;

    private BenchSite(WebApplication app, Dictionary<string, string> files)
    {
        _app = app;
        _files = files;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public string Page(string name) => new Uri(BaseUrl, "/watch/" + name).AbsoluteUri;

    public string PlayerPage(string name) => new Uri(BaseUrl, "/jw/" + name).AbsoluteUri;

    /// <summary>How many times a <c>/jw/</c> page was served.</summary>
    public int PlayerPageViews => Volatile.Read(ref _playerPageViews);

    public string Media(string name) => new Uri(BaseUrl, "/media/" + name + ".mp4").AbsoluteUri;

    /// <summary>Serves each file of <paramref name="files"/> (name → path) as a page and a video.</summary>
    public static async Task<BenchSite> StartAsync(Dictionary<string, string> files)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var site = new BenchSite(app, files);
        app.MapGet("/watch/{name}", (string name) => files.ContainsKey(name) ? Results.Content(PageHtml(name), "text/html; charset=utf-8") : Results.NotFound());
        app.MapGet("/jw/{name}", (string name) =>
        {
            Interlocked.Increment(ref site._playerPageViews);
            return files.ContainsKey(name) ? Results.Content(PlayerPageHtml(name), "text/html; charset=utf-8") : Results.NotFound();
        });
        app.MapMethods("/media/{file}", ["GET", "HEAD"], (string file) =>
            files.TryGetValue(Path.GetFileNameWithoutExtension(file), out var path) ? Results.File(path, "video/mp4", enableRangeProcessing: true) : Results.NotFound());
        await app.StartAsync();
        site.BaseUrl = new Uri(app.Urls.First());
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string PlayerPageHtml(string name) => $$"""
        <!doctype html>
        <html><head><title>{{name}} | Bench TV</title></head><body><div id="player"></div>
        <script>jwplayer("player").setup({"file": "/media/{{name}}.mp4", "title": "The {{name}} clip"});</script>
        </body></html>
        """;

    private static string PageHtml(string name) => $$"""
        <!doctype html>
        <html><head>
        <title>{{name}} | Bench TV</title>
        <meta property="og:title" content="The {{name}} clip">
        <meta property="og:type" content="video.other">
        <meta property="og:video" content="/media/{{name}}.mp4">
        <meta property="og:video:type" content="video/mp4">
        <meta property="og:video:width" content="1280">
        <meta property="og:video:height" content="720">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"VideoObject","name":"The {{name}} clip","contentUrl":"/media/{{name}}.mp4","author":{"@type":"Person","name":"Bench TV"} }</script>
        </head><body><h1>The {{name}} clip</h1><video controls width="1280" height="720" src="/media/{{name}}.mp4"></video></body></html>
        """;
}
