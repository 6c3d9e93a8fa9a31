using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Host.Downloading;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;
using VideoBot.Tests.Support;
using VideoBot.Host.Media;

namespace VideoBot.Tests.Downloading;

public sealed class HttpDownloadTests
{
    private static DownloadRequest Request(Uri url, string dir, long maxBytes = 50L * 1024 * 1024, IReadOnlyDictionary<string, string>? headers = null) =>
        new(new MediaFormat { Url = url, Headers = headers ?? new Dictionary<string, string>() }, null, dir, "media", maxBytes);

    [Fact]
    public async Task An_http_download_is_byte_identical_to_the_source_and_reports_progress()
    {
        var mp4 = await TestMedia.Mp4Async();
        await using var site = await FixtureSite.StartAsync(app => app.MapGet("/v/{id}", () => FixtureSite.File(mp4, "video/mp4")));
        using var folder = new TempFolder();
        var progress = new RecordingProgress();

        var file = await DownloadTestKit.Downloader().DownloadAsync(Request(site.Url("/v/clip.bin"), folder.Path), progress, CancellationToken.None);

        Assert.Equal(await File.ReadAllBytesAsync(mp4), await File.ReadAllBytesAsync(file.Path));
        Assert.Equal("mp4", file.Container); // from the Content-Type, not the URL's ".bin"
        Assert.Equal(Path.Combine(folder.Path, "media.mp4"), file.Path);
        var last = progress.Reports[^1];
        Assert.Equal(new FileInfo(mp4).Length, last.Bytes);
        Assert.Equal(new FileInfo(mp4).Length, last.Total);
    }

    [Fact]
    public async Task The_formats_headers_are_sent_with_the_request()
    {
        var mp4 = await TestMedia.Mp4Async();
        await using var site = await FixtureSite.StartAsync(app => app.MapGet("/guarded.mp4", (HttpRequest r) =>
            r.Headers.Referer == "https://site.example/post/1" ? FixtureSite.File(mp4, "video/mp4") : Results.StatusCode(403)));
        using var folder = new TempFolder();
        var headers = new Dictionary<string, string> { ["Referer"] = "https://site.example/post/1" };

        var file = await DownloadTestKit.Downloader().DownloadAsync(Request(site.Url("/guarded.mp4"), folder.Path, headers: headers), null, CancellationToken.None);

        Assert.Equal(new FileInfo(mp4).Length, file.Length);
    }

    [Fact]
    public async Task A_content_length_over_the_cap_fails_before_reading_and_leaves_no_file()
    {
        var mp4 = await TestMedia.Mp4Async();
        await using var site = await FixtureSite.StartAsync(app => app.MapGet("/big.mp4", () => FixtureSite.File(mp4, "video/mp4")));
        using var folder = new TempFolder();

        var e = await Assert.ThrowsAsync<MediaTooLargeException>(() =>
            DownloadTestKit.Downloader().DownloadAsync(Request(site.Url("/big.mp4"), folder.Path, maxBytes: 1000), null, CancellationToken.None));

        Assert.Equal(new FileInfo(mp4).Length, e.Actual);
        Assert.Empty(folder.Files);
    }

    [Fact]
    public async Task A_server_that_sends_no_length_is_cut_off_at_the_cap()
    {
        var written = 0L;
        await using var site = await FixtureSite.StartAsync(app => app.MapGet("/endless", async (HttpContext context) =>
        {
            context.Response.ContentType = "video/mp4";
            var chunk = new byte[64 * 1024];
            try
            {
                // 64 MB unless the client hangs up (Kestrel's writes don't fail after that: the token says it).
                for (var i = 0; i < 1000 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    Interlocked.Add(ref written, chunk.Length);
                    await Task.Delay(1, context.RequestAborted); // paces the body, so the count below means something
                }
            }
            catch (OperationCanceledException)
            {
            }
        }));
        using var folder = new TempFolder();

        await Assert.ThrowsAsync<MediaTooLargeException>(() =>
            DownloadTestKit.Downloader().DownloadAsync(Request(site.Url("/endless"), folder.Path, maxBytes: 1024 * 1024), null, CancellationToken.None));

        // Measured when the download gave up (once the client hangs up, Kestrel's writes succeed as no-ops, so later counts mean nothing).
        var sentWhenStopped = Interlocked.Read(ref written);
        Assert.Empty(folder.Files);
        Assert.True(sentWhenStopped < 32L * 1024 * 1024, $"the client stopped reading long before the server was done ({sentWhenStopped} bytes sent)");
    }

    [Fact]
    public async Task Cancelling_mid_download_deletes_the_partial_file()
    {
        await using var site = await FixtureSite.StartAsync(app => app.MapGet("/slow.mp4", async (HttpContext context) =>
        {
            context.Response.ContentType = "video/mp4";
            context.Response.ContentLength = 10 * 1024 * 1024;
            var chunk = new byte[16 * 1024];
            for (var i = 0; i < 640; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(100, context.RequestAborted);
            }
        }));
        using var folder = new TempFolder();
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress { OnReport = p => { if (p.Bytes > 0) { cts.Cancel(); } } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            DownloadTestKit.Downloader().DownloadAsync(Request(site.Url("/slow.mp4"), folder.Path), progress, cts.Token));

        Assert.NotEmpty(progress.Reports);
        Assert.Empty(folder.Files);
    }

    [Fact]
    public async Task A_missing_file_is_reported_as_not_found()
    {
        await using var site = await FixtureSite.StartAsync(_ => { });
        using var folder = new TempFolder();

        var e = await Assert.ThrowsAsync<ExtractionException>(() =>
            DownloadTestKit.Downloader().DownloadAsync(Request(site.Url("/gone.mp4"), folder.Path), null, CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.NotFound, e.Kind);
        Assert.Empty(folder.Files);
    }

    [Fact]
    public async Task The_gateways_address_rules_apply_to_downloads()
    {
        var mp4 = await TestMedia.Mp4Async();
        await using var site = await FixtureSite.StartAsync(app => app.MapGet("/clip.mp4", () => FixtureSite.File(mp4, "video/mp4")));
        using var folder = new TempFolder();

        var e = await Assert.ThrowsAsync<ExtractionException>(() =>
            DownloadTestKit.Downloader(allowPrivate: false).DownloadAsync(Request(site.Url("/clip.mp4"), folder.Path), null, CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.PermissionDenied, e.Kind);
        Assert.Empty(site.Requests);
        Assert.Empty(folder.Files);
    }

    [Fact]
    public async Task A_base_name_that_could_leave_the_folder_is_refused()
    {
        using var folder = new TempFolder();
        var request = Request(new Uri("http://127.0.0.1:9/x.mp4"), folder.Path) with { BaseName = "../escape" };

        await Assert.ThrowsAsync<ArgumentException>(() => DownloadTestKit.Downloader().DownloadAsync(request, null, CancellationToken.None));
    }
}
