using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Tests.YtDlp;

public sealed class YtDlpFailureTests
{
    [Theory]
    [InlineData("ERROR: Unsupported URL: https://example.com/", ExtractionErrorKind.UnsupportedUrl)]
    [InlineData("ERROR: No suitable extractor found for URL http://127.0.0.1:1/page.html", ExtractionErrorKind.UnsupportedUrl)]
    [InlineData("ERROR: [youtube] abc: Private video. Sign in if you've been granted access to this video", ExtractionErrorKind.LoginRequired)]
    [InlineData("ERROR: [instagram] x: Requested content is not available, rate-limit reached or login required. Use --cookies", ExtractionErrorKind.RateLimited)]
    [InlineData("ERROR: [tiktok] 1: This post may not be comfortable for some audiences. Log in for access. Use --cookies", ExtractionErrorKind.LoginRequired)]
    [InlineData("ERROR: [youtube] abc: Video unavailable", ExtractionErrorKind.NotFound)]
    [InlineData("ERROR: [generic] None: Unable to download webpage: HTTP Error 404: File not found (caused by <HTTPError 404: 'File not found'>); please report this issue on  https://github.com/yt-dlp/yt-dlp/issues?q= ", ExtractionErrorKind.NotFound)]
    [InlineData("ERROR: [vimeo] 1: The requested video does not exist", ExtractionErrorKind.NotFound)]
    [InlineData("ERROR: [youtube] abc: The uploader has not made this video available in your country", ExtractionErrorKind.GeoBlocked)]
    [InlineData("ERROR: [bbc] x: This video is not available from your location due to geo restriction", ExtractionErrorKind.GeoBlocked)]
    [InlineData("ERROR: [youtube] abc: Sign in to confirm your age. This video may be inappropriate for some users.", ExtractionErrorKind.AgeRestricted)]
    [InlineData("ERROR: [twitter] 1: Unable to download JSON metadata: HTTP Error 429: Too Many Requests", ExtractionErrorKind.RateLimited)]
    [InlineData("ERROR: [reddit] x: Unable to extract video url; please report this issue on https://github.com/yt-dlp/yt-dlp/issues", ExtractionErrorKind.SiteChanged)]
    [InlineData("ERROR: [twitter] 1: Unable to download JSON metadata: HTTP Error 400: Bad Request", ExtractionErrorKind.SiteChanged)]
    [InlineData("ERROR: [facebook] 1: An extractor error has occurred. (caused by KeyError('data'))", ExtractionErrorKind.SiteChanged)]
    [InlineData("ERROR: [generic] None: Unable to download webpage: <urlopen error [Errno 111] Connection refused>", ExtractionErrorKind.Network)]
    [InlineData("ERROR: [generic] None: Unable to download webpage: HTTP Error 503: Service Unavailable", ExtractionErrorKind.Network)]
    [InlineData("ERROR: [youtube] abc: Requested format is not available. Use --list-formats for a list of available formats", ExtractionErrorKind.NoMedia)]
    public void Yt_dlp_errors_map_to_the_matching_kind(string stderr, ExtractionErrorKind expected)
    {
        Assert.Equal(expected, YtDlpFailure.From(1, "WARNING: [generic] Falling back\n" + stderr).Kind);
    }

    [Fact]
    public void The_message_keeps_only_the_error_lines_without_control_characters()
    {
        var e = YtDlpFailure.From(1, "[generic] Extracting URL: http://x/\nERROR: bad \u001b[0;31mthing\u0007\n");

        Assert.Equal("yt-dlp failed (exit code 1): ERROR: bad  [0;31mthing ", e.Message);
        Assert.DoesNotContain("Extracting", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_error_is_cut_short()
    {
        var e = YtDlpFailure.From(2, "ERROR: " + new string('x', 5000));

        Assert.True(e.Message.Length < 600);
    }
}
