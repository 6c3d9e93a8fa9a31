using VideoBot.Host.Configuration;
using VideoBot.Host.Downloading;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.YtDlp;

/// <summary>The engine against the real yt-dlp (Debian's 2023.03.04) and a fixture site on 127.0.0.1.</summary>
public sealed class YtDlpEngineTests
{
    private static YtDlpRequest Generic(Uri url) => new(url) { AllowGenericExtractor = true };

    [Fact]
    public async Task A_page_with_an_html5_video_is_described_when_the_generic_extractor_is_allowed()
    {
        await using var site = await YtDlpFixture.StartAsync();

        var post = await DownloadTestKit.Engine().ExtractAsync(Generic(site.Url("/page.html")), "generic", CancellationToken.None);

        Assert.Contains("My clip", post.Title, StringComparison.Ordinal);
        var format = Assert.Single(Assert.Single(post.Items).Formats);
        Assert.Equal(site.Url("/media/clip.mp4"), format.Url);
        Assert.Equal(StreamProtocol.Http, format.Protocol);
        Assert.Equal("mp4", format.Container);
        Assert.Equal(site.Url("/page.html").AbsoluteUri, format.Headers["Referer"]);
    }

    [Fact]
    public async Task An_og_video_page_is_described_as_one_format()
    {
        await using var site = await YtDlpFixture.StartAsync();

        var post = await DownloadTestKit.Engine().ExtractAsync(Generic(site.Url("/og.html")), "generic", CancellationToken.None);

        Assert.Equal("OG title", post.Title);
        Assert.Equal(site.Url("/media/clip.mp4"), Assert.Single(Assert.Single(post.Items).Formats).Url);
    }

    [Fact]
    public async Task An_hls_playlist_url_is_described_as_an_hls_format()
    {
        await using var site = await YtDlpFixture.StartAsync();

        var post = await DownloadTestKit.Engine().ExtractAsync(Generic(site.Url("/hls/index.m3u8")), "generic", CancellationToken.None);

        var format = Assert.Single(Assert.Single(post.Items).Formats);
        Assert.Equal(StreamProtocol.Hls, format.Protocol);
    }

    [Fact]
    public async Task A_direct_mp4_url_is_described_as_an_http_format()
    {
        await using var site = await YtDlpFixture.StartAsync();

        var post = await DownloadTestKit.Engine().ExtractAsync(Generic(site.Url("/media/clip.mp4")), "generic", CancellationToken.None);

        var format = Assert.Single(Assert.Single(post.Items).Formats);
        Assert.Equal((StreamProtocol.Http, "mp4"), (format.Protocol, format.Container));
    }

    [Fact]
    public async Task The_generic_extractor_is_refused_unless_allowed_and_the_page_is_never_fetched()
    {
        await using var site = await YtDlpFixture.StartAsync();

        var e = await Assert.ThrowsAsync<ExtractionException>(() =>
            DownloadTestKit.Engine().ExtractAsync(new YtDlpRequest(site.Url("/page.html")), "generic", CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.UnsupportedUrl, e.Kind);
        Assert.Empty(site.Requests);
    }

    [Fact]
    public async Task A_missing_yt_dlp_is_a_clear_plugin_fault()
    {
        var options = new YtDlpOptions { Path = "/nonexistent/bin/yt-dlp" };

        var e = await Assert.ThrowsAsync<ExtractionException>(() =>
            DownloadTestKit.Engine(options).ExtractAsync(Generic(new Uri("http://127.0.0.1:9/x")), "generic", CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.PluginFault, e.Kind);
        Assert.Equal("yt-dlp was not found at '/nonexistent/bin/yt-dlp': install it (scripts/setup.sh) or set YtDlp:Path.", e.Message);
        Assert.Null(await DownloadTestKit.Engine(options).GetVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_page_that_answers_404_is_not_found()
    {
        await using var site = await YtDlpFixture.StartAsync();

        var e = await Assert.ThrowsAsync<ExtractionException>(() =>
            DownloadTestKit.Engine().ExtractAsync(Generic(site.Url("/missing.html")), "generic", CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.NotFound, e.Kind);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("-o/tmp/pwned")]
    [InlineData("--exec=touch /tmp/pwned")]
    public async Task A_url_that_is_not_http_is_refused_before_yt_dlp_starts(string url)
    {
        // A yt-dlp that would record being started: it never is.
        using var folder = new TempFolder();
        var marker = Path.Combine(folder.Path, "started");
        var script = await StandIn.WriteAsync(folder.Path, $"touch '{marker}'\n");
        var engine = DownloadTestKit.Engine(new YtDlpOptions { Path = script });

        var e = await Assert.ThrowsAsync<ExtractionException>(() =>
            engine.ExtractAsync(Generic(new Uri(url, UriKind.RelativeOrAbsolute)), "generic", CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.UnsupportedUrl, e.Kind);
        Assert.False(File.Exists(marker));
        Assert.False(File.Exists("/tmp/pwned"));
    }

    [Fact]
    public async Task The_real_command_line_reads_no_config_and_puts_the_url_after_a_double_dash()
    {
        // A stand-in executable that records its arguments, one per line, exactly as the OS passed them.
        using var folder = new TempFolder();
        var record = Path.Combine(folder.Path, "argv");
        var script = await StandIn.WriteAsync(folder.Path, $"printf '%s\\n' \"$@\" > '{record}'\necho 'ERROR: Unsupported URL: x' >&2\nexit 1\n");
        var request = new YtDlpRequest(new Uri("http://127.0.0.1:9/-o;$(id)`id`")) { ExtractorArgs = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>
        {
            ["youtube"] = new Dictionary<string, IReadOnlyList<string>> { ["player_client"] = ["web_safari", "web"] },
        } };

        var e = await Assert.ThrowsAsync<ExtractionException>(() =>
            DownloadTestKit.Engine(new YtDlpOptions { Path = script }).ExtractAsync(request, "youtube", CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.UnsupportedUrl, e.Kind);
        var argv = (await File.ReadAllLinesAsync(record)).ToList();
        Assert.Equal("--ignore-config", argv[0]);
        Assert.Equal(["--", "http://127.0.0.1:9/-o;$(id)%60id%60"], argv[^2..]); // one literal argument: no shell saw it
        Assert.Equal("default,-generic", argv[argv.IndexOf("--ies") + 1]);
        Assert.Equal("youtube:player_client=web_safari,web", argv[argv.IndexOf("--extractor-args") + 1]);
        Assert.Contains("-J", argv);
        Assert.DoesNotContain("--exec", argv);
    }

    [Fact]
    public async Task The_version_is_read_from_yt_dlp()
    {
        var version = await DownloadTestKit.Engine().GetVersionAsync(CancellationToken.None);

        Assert.Matches(@"^\d{4}\.\d{2}\.\d{2}", version);
    }
}
