using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Host.Configuration;
using VideoBot.Host.Downloading;
using VideoBot.Host.Media;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.YtDlp;

/// <summary>
/// A delegated link is extracted once: the download loads the description <c>yt-dlp -J</c> made (<c>--load-info-json</c>)
/// instead of fetching the page again, and starts from the link only when the described media URLs have expired. The real
/// yt-dlp runs behind a wrapper that logs each of its runs, against a loopback site that logs each request.
/// </summary>
public sealed class Downloading_from_the_description : IAsyncLifetime
{
    private const long FiftyMb = 50L * 1024 * 1024;

    private readonly TempFolder _bin = new();
    private readonly TempFolder _job = new();
    private FixtureSite _site = null!;
    private YtDlpOptions _options = null!;
    private int _token;

    public async Task InitializeAsync()
    {
        var mp4 = await TestMedia.Mp4Async();
        _site = await FixtureSite.StartAsync(app =>
        {
            app.MapGet("/page.html", () => Results.Content(
                "<html><head><title>My clip</title></head><body><video src=\"/media/clip.mp4\"></video></body></html>", "text/html"));
            app.MapGet("/media/clip.mp4", () => FixtureSite.File(mp4, "video/mp4"));
            // A CDN's signed links: each page view signs a new one, and only the newest is honoured.
            app.MapGet("/signed.html", () => Results.Content(
                $"<html><head><title>Signed</title></head><body><video src=\"/signed/clip.mp4?token={Interlocked.Increment(ref _token)}\"></video></body></html>",
                "text/html"));
            app.MapGet("/signed/clip.mp4", (int token) =>
                token == Volatile.Read(ref _token) ? FixtureSite.File(mp4, "video/mp4") : Results.StatusCode(StatusCodes.Status403Forbidden));
        });
        var real = Host.YtDlp.ExecutableLocator.Resolve(new YtDlpOptions().Path) ?? throw new InvalidOperationException("yt-dlp is not installed");
        var script = await StandIn.WriteAsync(_bin.Path, $"printf '%s\\n' \"$*\" >> '{RunLog}'\nexec '{real}' \"$@\"\n");
        _options = DownloadTestKit.FastOptions();
        _options.Path = script;
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        _bin.Dispose();
        _job.Dispose();
    }

    private string RunLog => Path.Combine(_bin.Path, "runs");

    /// <summary>yt-dlp's runs for media, in order (the capability checks, --version and --help, left out).</summary>
    private List<string> Runs() => [.. File.ReadAllLines(RunLog).Where(l => !l.Contains("--version") && !l.Contains("--help") && !l.Contains("--list-impersonate-targets"))];

    private static YtDlpRequest Generic(Uri url) => new(url) { AllowGenericExtractor = true };

    /// <summary>What a delegated job does: describe the link, then download the format it chose from that description.</summary>
    private async Task<DownloadedFile> DescribeAndDownloadAsync(Uri page, Func<Task>? between = null)
    {
        var (post, via) = await DownloadTestKit.Engine(_options).DescribeAsync(Generic(page), "generic", CancellationToken.None);
        if (between is not null)
        {
            await between();
        }

        var format = Assert.Single(Assert.Single(post.Items).Formats);
        return await DownloadTestKit.Downloader(options: _options).DownloadAsync(
            new DownloadRequest(format, via, _job.Path, "item1", FiftyMb, "generic"), null, CancellationToken.None);
    }

    [Fact]
    public async Task A_delegated_link_has_its_page_fetched_once_and_the_download_loads_the_description()
    {
        var page = _site.Url("/page.html");

        var file = await DescribeAndDownloadAsync(page);

        Assert.Equal(await File.ReadAllBytesAsync(await TestMedia.Mp4Async()), await File.ReadAllBytesAsync(file.Path));
        Assert.Single(_site.Requests, r => r == "/page.html");
        var runs = Runs();
        Assert.Equal(2, runs.Count);
        Assert.Contains(" -J ", runs[0]);
        Assert.StartsWith("--ignore-config ", runs[1]);
        Assert.Matches($" --load-info-json {Regex.Escape(Path.Combine(_job.Path, "item1."))}[0-9a-f]{{32}}\\.info\\.json ", runs[1] + " ");
        Assert.DoesNotContain(page.AbsoluteUri, runs[1]);
        Assert.Equal([file.Path], _job.Files); // the description was removed with the download
    }

    [Fact]
    public async Task A_description_whose_media_links_expired_is_downloaded_once_more_from_the_link()
    {
        var page = _site.Url("/signed.html");

        // Someone views the page between the description and the download: the described link (token 1) is no longer honoured.
        using var visitor = new HttpClient();
        var file = await DescribeAndDownloadAsync(page, between: () => visitor.GetStringAsync(page));

        Assert.Equal(await File.ReadAllBytesAsync(await TestMedia.Mp4Async()), await File.ReadAllBytesAsync(file.Path));
        Assert.Contains("/signed/clip.mp4?token=1", _site.Requests); // refused with 403
        Assert.Contains("/signed/clip.mp4?token=3", _site.Requests); // the fresh link of the second extraction
        Assert.Equal(3, _site.Requests.Count(r => r == "/signed.html")); // the description, the visitor, the fallback: once each
        var runs = Runs();
        Assert.Equal(3, runs.Count);
        Assert.Contains("--load-info-json", runs[1]);
        Assert.EndsWith("-- " + page.AbsoluteUri, runs[2]);
        Assert.Equal([file.Path], _job.Files);
    }

    [Fact]
    public async Task A_media_link_that_is_missing_rather_than_expired_fails_without_a_second_extraction()
    {
        var page = _site.Url("/page.html");
        var (post, via) = await DownloadTestKit.Engine(_options).DescribeAsync(Generic(page), "generic", CancellationToken.None);
        var format = Assert.Single(Assert.Single(post.Items).Formats);
        var gone = format with { Url = _site.Url("/media/missing.mp4") };
        var info = System.Text.Encoding.UTF8.GetString(via.Info!).Replace(format.Url.AbsoluteUri, gone.Url.AbsoluteUri, StringComparison.Ordinal);

        var failure = await Assert.ThrowsAsync<ExtractionException>(() => DownloadTestKit.Downloader(options: _options).DownloadAsync(
            new DownloadRequest(gone, via with { Info = System.Text.Encoding.UTF8.GetBytes(info) }, _job.Path, "item1", FiftyMb, "generic"),
            null, CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.NotFound, failure.Kind);
        Assert.Single(_site.Requests, r => r == "/page.html");
        Assert.Equal(2, Runs().Count);
        Assert.Empty(_job.Files);
    }
}
