using System.Text.Json.Nodes;
using VideoBot.Tests.Cli;
using VideoBot.Tests.Support;
using VideoBot.Tests.YtDlp;

namespace VideoBot.Tests.Plugins.Probes;

/// <summary>
/// A probe whose plugin hands the link to yt-dlp is judged on what yt-dlp describes, as a user's link would be: the real
/// yt-dlp runs against a page on loopback.
/// </summary>
public sealed class Probing_through_yt_dlp : IAsyncLifetime
{
    private readonly string _plugins = Path.Combine(Path.GetTempPath(), "videobot-probes-ytdlp-" + Guid.NewGuid().ToString("N"));
    private FixtureSite _site = null!;

    public async Task InitializeAsync()
    {
        _site = await YtDlpFixture.StartAsync();
        var folder = Path.Combine(_plugins, "handover");
        Directory.CreateDirectory(folder);
        // A generic fallback that does nothing itself: every link goes to yt-dlp (its generic extractor, which only a "*" plugin may use).
        File.WriteAllText(Path.Combine(folder, "extractor.js"), "function extract(request) { return { delegate: 'yt-dlp', url: request.url }; }");
        var manifest = new JsonObject
        {
            ["id"] = "handover",
            ["name"] = "Hand-over",
            ["version"] = "1.0.0",
            ["sdk"] = "^1.0",
            ["kind"] = "script",
            ["entry"] = "extractor.js",
            ["domains"] = new JsonArray("*"),
            ["urlPatterns"] = new JsonArray("^https?://.+$"),
            ["permissions"] = new JsonObject { ["network"] = new JsonArray("*") },
            ["probes"] = new JsonArray(
                new JsonObject { ["name"] = "a video page", ["url"] = _site.Url("/page.html").AbsoluteUri, ["kind"] = "video" },
                new JsonObject { ["name"] = "the page as an image", ["url"] = _site.Url("/page.html").AbsoluteUri, ["kind"] = "image" }),
        };
        File.WriteAllText(Path.Combine(folder, "plugin.json"), manifest.ToJsonString());
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        Directory.Delete(_plugins, recursive: true);
    }

    [Fact]
    public async Task A_delegated_probe_passes_or_fails_on_what_yt_dlp_describes()
    {
        var run = await VideobotProcess.RunAsync(
            ["probe", "--plugins", _plugins],
            new Dictionary<string, string> { ["Network__AllowPrivateAddresses"] = "true" });

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(run.Lines, l => l.StartsWith("pass", StringComparison.Ordinal) && l.EndsWith("  a video page", StringComparison.Ordinal));
        Assert.Contains(run.Lines, l => l.StartsWith("FAIL", StringComparison.Ordinal) && l.Contains(" Mismatch ", StringComparison.Ordinal) && l.EndsWith("  the page as an image", StringComparison.Ordinal));
        Assert.Contains("expected an image, got a video", run.Lines);
        // yt-dlp fetched the page itself: the plugin never did.
        Assert.Contains(_site.Requests, r => r.Contains("/page.html", StringComparison.Ordinal));
        Assert.Equal("overall: 1/2 probes passed (50%)", run.Lines[^1]);
    }
}
