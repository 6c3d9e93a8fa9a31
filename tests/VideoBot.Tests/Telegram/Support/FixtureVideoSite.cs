using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.TelegramBot.Support;

/// <summary>
/// A video site on 127.0.0.1 that the repository's <c>generic</c> plugin understands: <c>/watch/{id}</c> pages declare their
/// video with og:video (and og:title, og:site_name, og:image, video:duration), <c>/media/clip.mp4</c> is a real mp4, and
/// <c>/media/slow.mp4</c> trickles the same kind of file out slowly (for progress and cancellation), and <c>/files/{name}</c>
/// serves files a test adds, as direct links.
/// </summary>
internal sealed class FixtureVideoSite : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Page> _pages = new();
    private readonly ConcurrentDictionary<string, string> _files = new();

    private FixtureVideoSite(FixtureSite site, string clipPath, string slowPath)
    {
        Site = site;
        ClipPath = clipPath;
        SlowPath = slowPath;
    }

    public FixtureSite Site { get; }

    /// <summary>The file served at <c>/media/clip.mp4</c>.</summary>
    public string ClipPath { get; }

    /// <summary>The file served slowly at <c>/media/slow.mp4</c>.</summary>
    public string SlowPath { get; }

    /// <summary>How long <c>/media/slow.mp4</c> pauses between 16 KB chunks (about 15 of them). Default 150 ms.</summary>
    public TimeSpan SlowChunkDelay { get; set; } = TimeSpan.FromMilliseconds(150);

    public static async Task<FixtureVideoSite> StartAsync()
    {
        var clip = await TestMedia.Mp4Async();
        var slow = await TestMedia.Mp4Async(seconds: 8, height: 360);
        var thumbnail = await TestMedia.JpegAsync();
        FixtureVideoSite? self = null;
        var site = await FixtureSite.StartAsync(app =>
        {
            app.MapGet("/watch/{id}", (string id) => self!.PageFor(id));
            app.MapGet("/media/clip.mp4", () => FixtureSite.File(clip, "video/mp4"));
            app.MapGet("/media/thumb.jpg", () => FixtureSite.File(thumbnail, "image/jpeg"));
            app.MapGet("/media/slow.mp4", (HttpContext context) => self!.TrickleAsync(context));
            app.MapMethods("/files/{name}", ["GET", "HEAD"], (string name) =>
                self!._files.TryGetValue(name, out var file) ? FixtureSite.File(file, "video/mp4") : Results.NotFound());
            app.MapGet("/broken/{id}", () => self!.Broken ? Results.StatusCode(503) : self.PageFor("fixed"));
        });
        self = new FixtureVideoSite(site, clip, slow);
        return self;
    }

    /// <summary>
    /// While true (the default), pages under <c>/broken/{id}</c> answer 503 (a platform in trouble); once false they serve the
    /// page added as <c>fixed</c>.
    /// </summary>
    public bool Broken { get; set; } = true;

    /// <summary>Adds a page at <c>/watch/{id}</c> and returns its URL.</summary>
    public string AddPage(string id, string title, string media = "/media/clip.mp4", int durationSeconds = 2)
    {
        _pages[id] = new Page(title, media, durationSeconds);
        return Site.Url("/watch/" + id).AbsoluteUri;
    }

    /// <summary>Serves <paramref name="path"/> at <c>/files/{name}</c> (GET and HEAD, with ranges, as a CDN) and returns its URL: a direct link.</summary>
    public string AddFile(string name, string path)
    {
        _files[name] = path;
        return Site.Url("/files/" + name).AbsoluteUri;
    }

    /// <summary>How many times <paramref name="path"/> was requested.</summary>
    public int RequestsFor(string path) => Site.Requests.Count(r => r == path);

    public ValueTask DisposeAsync() => Site.DisposeAsync();

    private IResult PageFor(string id)
    {
        if (!_pages.TryGetValue(id, out var page))
        {
            return Results.NotFound();
        }

        var title = WebUtility.HtmlEncode(page.Title);
        var html = $"""
            <!doctype html>
            <html><head>
            <title>{title}</title>
            <meta property="og:title" content="{title}">
            <meta property="og:site_name" content="Fixture TV">
            <meta property="og:video" content="{page.Media}">
            <meta property="og:video:type" content="video/mp4">
            <meta property="og:video:width" content="426">
            <meta property="og:video:height" content="240">
            <meta property="og:image" content="/media/thumb.jpg">
            <meta property="video:duration" content="{page.DurationSeconds.ToString(CultureInfo.InvariantCulture)}">
            </head><body><h1>{title}</h1></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private async Task TrickleAsync(HttpContext context)
    {
        var bytes = await File.ReadAllBytesAsync(SlowPath);
        context.Response.ContentType = "video/mp4";
        context.Response.ContentLength = bytes.Length;
        const int chunk = 16 * 1024;
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(offset, Math.Min(chunk, bytes.Length - offset)), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(SlowChunkDelay, context.RequestAborted);
        }
    }

    private sealed record Page(string Title, string Media, int DurationSeconds);
}
