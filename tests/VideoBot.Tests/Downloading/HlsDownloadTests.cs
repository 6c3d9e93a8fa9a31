using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Host.Downloading;
using VideoBot.Sdk.Media;
using VideoBot.Tests.Support;
using VideoBot.Host.Media;

namespace VideoBot.Tests.Downloading;

public sealed class HlsDownloadTests
{
    // Two variants: the one within the budget plays the fixture stream; the other is far too big (its playlist is never served).
    private const string Master = """
        #EXTM3U
        #EXT-X-STREAM-INF:BANDWIDTH=4000000000,RESOLUTION=3840x2160,CODECS="avc1.640033,mp4a.40.2"
        huge/index.m3u8
        #EXT-X-STREAM-INF:BANDWIDTH=400000,RESOLUTION=426x240,CODECS="avc1.42c01e,mp4a.40.2"
        index.m3u8
        """;

    private static async Task<FixtureSite> HlsSiteAsync()
    {
        var dir = await SegmentedHls.FolderAsync(seconds: 4);
        return await FixtureSite.StartAsync(app =>
        {
            app.MapGet("/hls/master.m3u8", () => Results.Text(Master, "application/vnd.apple.mpegurl"));
            app.MapGet("/hls/{name}", (string name) =>
                name.Contains('/') || name.Contains("..") || !File.Exists(Path.Combine(dir, name))
                    ? Results.NotFound()
                    : FixtureSite.File(Path.Combine(dir, name), name.EndsWith(".ts") ? "video/mp2t" : "application/vnd.apple.mpegurl"));
        });
    }

    private static DownloadRequest Request(Uri url, string dir, long maxBytes = 50L * 1024 * 1024) =>
        new(new MediaFormat { Url = url, Protocol = StreamProtocol.Hls }, null, dir, "media", maxBytes);

    [Fact]
    public async Task A_master_playlist_becomes_a_playable_mp4_from_the_variant_that_fits()
    {
        await using var site = await HlsSiteAsync();
        using var folder = new TempFolder();
        var progress = new RecordingProgress();

        var file = await DownloadTestKit.Downloader().DownloadAsync(Request(site.Url("/hls/master.m3u8"), folder.Path), progress, CancellationToken.None);

        Assert.Equal("mp4", file.Container);
        Assert.Equal([file.Path], folder.Files); // the joined segments are gone
        var (duration, streams) = await DownloadTestKit.ProbeAsync(file.Path);
        Assert.InRange(duration, 3.5, 4.5);
        Assert.Contains("video", streams);
        Assert.Contains("audio", streams);

        // Every segment went through the gateway, and the oversized variant was never fetched.
        Assert.Contains("/hls/seg000.ts", site.Requests);
        Assert.Contains("/hls/seg003.ts", site.Requests);
        Assert.DoesNotContain(site.Requests, r => r.Contains("huge", StringComparison.Ordinal));
        Assert.Contains(progress.Reports, p => p.Stage == DownloadStage.Merging);
    }

    [Fact]
    public async Task A_media_playlist_is_downloaded_directly()
    {
        await using var site = await HlsSiteAsync();
        using var folder = new TempFolder();

        var file = await DownloadTestKit.Downloader().DownloadAsync(Request(site.Url("/hls/index.m3u8"), folder.Path), null, CancellationToken.None);

        var (duration, _) = await DownloadTestKit.ProbeAsync(file.Path);
        Assert.InRange(duration, 3.5, 4.5);
    }

    [Fact]
    public async Task Segments_beyond_the_cap_stop_the_download_and_leave_nothing()
    {
        await using var site = await HlsSiteAsync();
        using var folder = new TempFolder();

        await Assert.ThrowsAsync<MediaTooLargeException>(() =>
            DownloadTestKit.Downloader().DownloadAsync(Request(site.Url("/hls/master.m3u8"), folder.Path, maxBytes: 60_000), null, CancellationToken.None));

        Assert.Empty(folder.Files);
        Assert.DoesNotContain("/hls/seg003.ts", site.Requests);
    }
}
