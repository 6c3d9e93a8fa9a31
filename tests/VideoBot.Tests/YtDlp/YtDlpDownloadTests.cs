using VideoBot.Host.Configuration;
using VideoBot.Host.Downloading;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.Support;
using VideoBot.Host.Media;

namespace VideoBot.Tests.YtDlp;

/// <summary>Downloads through the real yt-dlp from a fixture site on 127.0.0.1.</summary>
public sealed class YtDlpDownloadTests
{
    private const long FiftyMb = 50L * 1024 * 1024;

    private static YtDlpRequest Generic(Uri url) => new(url) { AllowGenericExtractor = true };

    [Fact]
    public async Task A_delegated_format_is_downloaded_by_yt_dlp_byte_for_byte_with_progress()
    {
        await using var site = await YtDlpFixture.StartAsync();
        var via = Generic(site.Url("/og.html"));
        var post = await DownloadTestKit.Engine().ExtractAsync(via, "generic", CancellationToken.None);
        var format = Assert.Single(Assert.Single(post.Items).Formats);
        using var folder = new TempFolder();
        var progress = new RecordingProgress();

        var file = await DownloadTestKit.Downloader().DownloadAsync(
            new DownloadRequest(format, new YtDlpHandOver(via), folder.Path, "media", FiftyMb, "generic"), progress, CancellationToken.None);

        Assert.Equal(Path.Combine(folder.Path, "media.mp4"), file.Path);
        Assert.Equal(await File.ReadAllBytesAsync(await TestMedia.Mp4Async()), await File.ReadAllBytesAsync(file.Path));
        Assert.Equal([file.Path], folder.Files);
        Assert.Contains(progress.Reports, p => p.Bytes > 0 && p.Bytes < file.Length || p.Bytes == file.Length);
        Assert.Equal(file.Length, progress.Reports[^1].Bytes);
    }

    [Fact]
    public async Task An_hls_stream_is_downloaded_by_yt_dlp_into_a_playable_mp4()
    {
        await using var site = await YtDlpFixture.StartAsync();
        using var folder = new TempFolder();

        var file = await DownloadTestKit.Engine().DownloadAsync(
            new YtDlpDownload(Generic(site.Url("/hls/index.m3u8")), null, FormatSelector.YtDlpFormatSpec(new FormatPreferences(FiftyMb)), folder.Path, "media", FiftyMb),
            null, CancellationToken.None);

        Assert.Equal("mp4", file.Container);
        var (duration, streams) = await DownloadTestKit.ProbeAsync(file.Path);
        Assert.InRange(duration, 3.5, 4.5);
        Assert.Contains("video", streams);
    }

    [Fact]
    public async Task A_file_over_the_cap_is_refused_and_nothing_is_left()
    {
        await using var site = await YtDlpFixture.StartAsync();
        using var folder = new TempFolder();

        await Assert.ThrowsAsync<MediaTooLargeException>(() => DownloadTestKit.Engine().DownloadAsync(
            new YtDlpDownload(Generic(site.Url("/media/clip.mp4")), null, "b", folder.Path, "media", 1000), null, CancellationToken.None));

        Assert.Empty(folder.Files);
    }

    [Fact]
    public async Task A_stream_that_passes_the_cap_while_downloading_is_stopped()
    {
        // HLS has no size up front: --max-filesize judges each ~35 kB segment alone and lets them through, so the engine's own
        // watch on the progress lines must stop yt-dlp once the segments add up past 60 kB. It reads those lines as yt-dlp writes
        // them, so a busy machine may let a segment or two more through; twelve leave room to tell stopping from finishing.
        await using var site = await YtDlpFixture.StartAsync();
        using var folder = new TempFolder();

        await Assert.ThrowsAsync<MediaTooLargeException>(() => DownloadTestKit.Engine().DownloadAsync(
            new YtDlpDownload(Generic(site.Url("/long-hls/index.m3u8")), null, "b", folder.Path, "media", 60_000), null, CancellationToken.None));

        Assert.Empty(folder.Files);
        Assert.Contains("/long-hls/seg001.ts", site.Requests);
        Assert.DoesNotContain("/long-hls/seg011.ts", site.Requests);
    }

    [Fact]
    public async Task Cancelling_a_download_kills_yt_dlp_and_removes_the_partial_file()
    {
        await using var site = await YtDlpFixture.StartAsync();
        using var folder = new TempFolder();
        var url = site.Url("/trickle.mp4");
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress { OnReport = p => { if (p.Bytes > 0) { cts.Cancel(); } } };
        var pids = new List<int>();

        var download = DownloadTestKit.Engine().DownloadAsync(
            new YtDlpDownload(Generic(url), null, "b", folder.Path, "media", FiftyMb), progress, cts.Token);
        while (!cts.IsCancellationRequested && !download.IsCompleted)
        {
            pids.AddRange(RunningProcesses.WithArgument(url.AbsoluteUri, parent: Environment.ProcessId).Except(pids));
            await Task.Delay(20);
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);

        var pid = Assert.Single(pids);
        Assert.False(RunningProcesses.IsAlive(pid), $"yt-dlp (pid {pid}) is still running");
        Assert.Empty(RunningProcesses.WithArgument(url.AbsoluteUri));
        Assert.Empty(folder.Files);
    }

    [Fact]
    public async Task A_download_that_takes_too_long_is_stopped_as_a_network_failure()
    {
        await using var site = await YtDlpFixture.StartAsync();
        using var folder = new TempFolder();
        var url = site.Url("/trickle.mp4");
        var engine = DownloadTestKit.Engine(new YtDlpOptions { DownloadTimeoutSeconds = 2 });

        var e = await Assert.ThrowsAsync<ExtractionException>(() => engine.DownloadAsync(
            new YtDlpDownload(Generic(url), null, "b", folder.Path, "media", FiftyMb), null, CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.Network, e.Kind);
        Assert.Empty(RunningProcesses.WithArgument(url.AbsoluteUri));
        Assert.Empty(folder.Files);
    }

    [Fact]
    public async Task Without_private_addresses_yt_dlp_goes_through_the_egress_proxy_which_refuses_loopback()
    {
        await using var site = await YtDlpFixture.StartAsync();

        var e = await Assert.ThrowsAsync<ExtractionException>(() =>
            DownloadTestKit.Engine(allowPrivate: false).ExtractAsync(Generic(site.Url("/page.html")), "generic", CancellationToken.None));

        Assert.NotEqual(ExtractionErrorKind.PluginFault, e.Kind);
        Assert.Empty(site.Requests);
    }

    [Fact]
    public async Task A_video_only_format_is_fetched_with_the_best_audio()
    {
        var video = new MediaFormat { FormatId = "137", Url = new Uri("https://cdn.example/v"), VideoCodec = "avc1", AudioCodec = "none" };
        var muxed = video with { FormatId = "18", AudioCodec = "mp4a.40.2" };

        Assert.Equal("137+ba[ext=m4a]/137+ba/137", MediaDownloader.SelectorFor(video, FiftyMb));
        Assert.Equal("18", MediaDownloader.SelectorFor(muxed, FiftyMb));
        Assert.Equal(FormatSelector.YtDlpFormatSpec(new FormatPreferences(FiftyMb)), MediaDownloader.SelectorFor(muxed with { FormatId = null }, FiftyMb));
    }
}
