using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Host.Downloading;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;
using VideoBot.Tests.Support;
using VideoBot.Host.Media;

namespace VideoBot.Tests.Downloading;

/// <summary>Clips cut by ffmpeg straight from an HTTP file or an HLS stream, through <see cref="MediaDownloader"/>.</summary>
public sealed class Cutting_clips_with_ffmpeg
{
    private const long FiftyMb = 50L * 1024 * 1024;

    [Fact]
    public async Task A_precise_clip_of_an_hls_stream_lasts_exactly_the_range()
    {
        var dir = await SegmentedHls.FolderAsync(seconds: 4);
        await using var site = await FixtureSite.StartAsync(app => app.MapGet("/hls/{name}", (string name) =>
            name.Contains("..") || !File.Exists(Path.Combine(dir, name))
                ? Results.NotFound()
                : FixtureSite.File(Path.Combine(dir, name), name.EndsWith(".ts") ? "video/mp2t" : "application/vnd.apple.mpegurl")));
        using var folder = new TempFolder();

        var file = await DownloadTestKit.Downloader().DownloadAsync(
            Request(site.Url("/hls/index.m3u8"), StreamProtocol.Hls, folder.Path, new ClipRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), Precise: true)),
            null, CancellationToken.None);

        var (duration, streams) = await DownloadTestKit.ProbeAsync(file.Path);
        Assert.InRange(duration, 1.8, 2.2);
        Assert.Contains("video", streams);
        Assert.Contains("audio", streams);
    }

    [Fact]
    public async Task A_clip_of_a_file_reads_only_part_of_it_with_range_requests()
    {
        var video = await TestMedia.LargeMp4Async();
        var ranges = new List<string>();
        await using var site = await FixtureSite.StartAsync(app => app.MapGet("/large.mp4", (HttpContext context) =>
        {
            lock (ranges)
            {
                ranges.Add(context.Request.Headers.Range.ToString());
            }

            return FixtureSite.File(video, "video/mp4");
        }));
        using var folder = new TempFolder();

        var file = await DownloadTestKit.Downloader().DownloadAsync(
            Request(site.Url("/large.mp4"), StreamProtocol.Http, folder.Path, new ClipRange(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(22))),
            null, CancellationToken.None);

        Assert.InRange((await DownloadTestKit.ProbeAsync(file.Path)).Duration, 1.5, 2.5);
        Assert.InRange(file.Length, 1, 8L * 1024 * 1024);
        Assert.Contains(ranges, r => r.StartsWith("bytes=", StringComparison.Ordinal) && !r.StartsWith("bytes=0-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_playlist_pointing_at_a_local_file_is_refused_and_leaves_nothing()
    {
        await using var site = await FixtureSite.StartAsync(app => app.MapGet("/evil.m3u8", () => Results.Text(
            "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile:///etc/hostname\n#EXT-X-ENDLIST\n", "application/vnd.apple.mpegurl")));
        using var folder = new TempFolder();

        await Assert.ThrowsAsync<ExtractionException>(() => DownloadTestKit.Downloader().DownloadAsync(
            Request(site.Url("/evil.m3u8"), StreamProtocol.Hls, folder.Path, new ClipRange(TimeSpan.Zero, TimeSpan.FromSeconds(1))),
            null, CancellationToken.None));
        Assert.Empty(folder.Files);
    }

    private static DownloadRequest Request(Uri url, StreamProtocol protocol, string dir, ClipRange clip) =>
        new(new MediaFormat { Url = url, Protocol = protocol }, null, dir, "media", FiftyMb) { Clip = clip };
}
