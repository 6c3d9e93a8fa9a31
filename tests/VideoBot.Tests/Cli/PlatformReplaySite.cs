using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Host.Network;
using VideoBot.Tests.Support;
using VideoBot.Host.PluginTesting;

namespace VideoBot.Tests.Cli;

/// <summary>
/// Plays a platform's servers on one loopback port for the real executable. Requests reach it through
/// <c>Network:OriginOverrides</c>, which keeps the original Host header, so each is answered by origin, path and query: from a
/// manifest test's recorded fixtures (the site's real page and API structure) when one matches, else as the platform's CDN
/// would, with real media made by ffmpeg: <c>.m3u8</c> a playlist, <c>.ts</c> its segments, images a JPEG, anything else the MP4.
/// </summary>
internal sealed class PlatformReplaySite : IAsyncDisposable
{
    private readonly FixtureSite _site;
    private readonly List<string> _served = [];

    private PlatformReplaySite(FixtureSite site) => _site = site;

    /// <summary>The MP4 served for media requests.</summary>
    public required string ClipPath { get; init; }

    /// <summary>Where the origins should go: <c>http://127.0.0.1:PORT</c>.</summary>
    public string Target => _site.BaseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>The absolute URLs answered with media rather than a fixture.</summary>
    public IReadOnlyList<string> MediaRequests
    {
        get { lock (_served) { return [.. _served]; } }
    }

    public static async Task<PlatformReplaySite> StartAsync(string pluginDirectory, IReadOnlyDictionary<string, JsonElement> fixtures)
    {
        var problems = new List<string>();
        var recorded = FixtureParser.Parse(pluginDirectory, fixtures, "fixtures", problems);
        Assert.Empty(problems);
        var clip = await TestMedia.Mp4Async();
        var jpeg = await TestMedia.JpegAsync();
        var playlist = await TestMedia.HlsAsync();
        PlatformReplaySite? replay = null;
        var site = await FixtureSite.StartAsync(app => app.Run(async http =>
        {
            var original = $"{http.Request.Host}{http.Request.Path}{http.Request.QueryString}";
            if (Recorded(recorded, original) is { } fixture)
            {
                await WriteFixtureAsync(http, fixture);
                return;
            }

            lock (replay!._served)
            {
                replay._served.Add("//" + original);
            }

            var path = http.Request.Path.Value ?? "";
            var (file, type) = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".m3u8" => (playlist, "application/vnd.apple.mpegurl"),
                ".ts" => (Path.Combine(Path.GetDirectoryName(playlist)!, Path.GetFileName(path)), "video/mp2t"),
                ".jpg" or ".jpeg" or ".png" or ".webp" or ".gif" => (jpeg, "image/jpeg"),
                _ => (clip, "video/mp4"),
            };
            if (!File.Exists(file))
            {
                // A segment name the playlist does not have: a CDN answers 404.
                http.Response.StatusCode = 404;
                return;
            }

            await FixtureSite.File(file, type).ExecuteAsync(http);
        }));
        replay = new PlatformReplaySite(site) { ClipPath = clip };
        return replay;
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private static FixtureResponse? Recorded(Dictionary<string, FixtureResponse> recorded, string hostPathQuery)
    {
        foreach (var scheme in new[] { "https", "http" })
        {
            if (Uri.TryCreate($"{scheme}://{hostPathQuery}", UriKind.Absolute, out var uri) && recorded.TryGetValue(FixtureParser.Key(uri), out var fixture))
            {
                return fixture;
            }
        }

        return null;
    }

    private static async Task WriteFixtureAsync(HttpContext http, FixtureResponse fixture)
    {
        var body = fixture.FilePath is { } file ? await File.ReadAllBytesAsync(file) : fixture.Body;
        http.Response.StatusCode = fixture.Status;
        if (fixture.ContentType is { } contentType)
        {
            http.Response.ContentType = contentType;
        }

        foreach (var (name, values) in fixture.Headers)
        {
            http.Response.Headers[name] = values;
        }

        await http.Response.Body.WriteAsync(body);
    }
}
