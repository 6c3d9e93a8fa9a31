using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Tests.YtDlp;

public sealed class YtDlpArgumentsTests
{
    private static Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Args(string key, string name, params string[] values) =>
        new() { [key] = new Dictionary<string, IReadOnlyList<string>> { [name] = values } };

    [Fact]
    public void Extractor_arguments_become_one_value_per_extractor()
    {
        var request = new YtDlpRequest(new Uri("https://www.youtube.com/watch?v=x")) { ExtractorArgs = Args("youtube", "player_client", "web_safari", "web") };

        Assert.Equal(["youtube:player_client=web_safari,web"], YtDlpArguments.ExtractorArgs(request));
    }

    [Theory]
    [InlineData("youtube", "player_client", "mweb;exec=x")]
    [InlineData("youtube", "player client", "mweb")]
    [InlineData("you:tube", "player_client", "mweb")]
    [InlineData("youtube", "player_client", "a b")]
    [InlineData("youtube", "player_client", "")]
    [InlineData("youtube", "player_client", "--exec")]
    [InlineData("youtubepot-bgutilhttp", "base_url", "http://127.0.0.1:4416/a,b")]
    [InlineData("youtubepot-bgutilhttp", "base_url", "http://127.0.0.1:4416;x=y")]
    [InlineData("youtubepot-bgutilhttp", "base_url", "http://h/a=b")]
    [InlineData("youtubepot-bgutilhttp", "base_url", "file:///etc/passwd")]
    public void Extractor_arguments_with_other_characters_are_refused(string key, string name, string value)
    {
        var request = new YtDlpRequest(new Uri("https://www.youtube.com/watch?v=x")) { ExtractorArgs = Args(key, name, value) };

        var e = Assert.Throws<ExtractionException>(() => YtDlpArguments.ExtractorArgs(request).ToList());
        Assert.Equal(ExtractionErrorKind.PluginFault, e.Kind);
    }

    [Fact]
    public void A_po_token_provider_url_is_one_extractor_argument_value()
    {
        var request = new YtDlpRequest(new Uri("https://www.youtube.com/watch?v=x"))
        {
            ExtractorArgs = Args("youtubepot-bgutilhttp", "base_url", "http://127.0.0.1:4416"),
        };

        var args = YtDlpArguments.Common(request, null, null);

        Assert.Equal("youtubepot-bgutilhttp:base_url=http://127.0.0.1:4416", args[args.IndexOf("--extractor-args") + 1]);
    }

    [Fact]
    public void Without_capabilities_or_settings_no_runtime_impersonation_or_extractor_argument_is_passed()
    {
        var request = new YtDlpRequest(new Uri("https://www.youtube.com/watch?v=x"));

        var args = YtDlpArguments.Common(request, null, null, new YtDlpCapabilities { Version = "2023.03.04" }, impersonate: "chrome");

        Assert.Equal(["--ignore-config", "--no-colors", "--no-playlist", "--playlist-items", "1:10", "--socket-timeout", "20", "--ies", "default,-generic"], args);
    }

    [Fact]
    public void A_current_yt_dlp_gets_the_runtime_found_and_the_impersonation_asked_for()
    {
        var request = new YtDlpRequest(new Uri("https://www.tiktok.com/@a/video/1"));
        var can = new YtDlpCapabilities
        {
            Version = "2026.11.23", SupportsJsRuntimes = true, SupportsImpersonate = true,
            JsRuntimeFound = new JsRuntime("deno", "2.5.6", "/usr/local/bin/deno"),
            ImpersonateTargets = [new ImpersonateTarget("Chrome-133", "Macos-15", true)],
        };

        var asked = YtDlpArguments.Common(request, null, null, can, impersonate: "chrome");
        var notAsked = YtDlpArguments.Common(request, null, null, can);

        Assert.Equal(["--js-runtimes", "deno:/usr/local/bin/deno", "--impersonate", "chrome"], asked[9..13]);
        Assert.Equal(["--js-runtimes", "deno:/usr/local/bin/deno"], notAsked[9..]);
    }

    [Fact]
    public void The_url_comes_last_right_after_a_double_dash_and_no_config_is_read()
    {
        var request = new YtDlpRequest(new Uri("https://example.com/v/1")) { ExtractorArgs = Args("generic", "impersonate", "chrome") };

        var args = YtDlpArguments.WithUrl(YtDlpArguments.Common(request, cookiesFile: "/tmp/c.txt", proxy: "http://127.0.0.1:3128"), request.Url);

        Assert.Equal("--ignore-config", args[0]);
        Assert.Equal(["--", "https://example.com/v/1"], args[^2..]);
        Assert.Equal("default,-generic", args[args.IndexOf("--ies") + 1]);
        Assert.Equal("http://127.0.0.1:3128", args[args.IndexOf("--proxy") + 1]);
        Assert.DoesNotContain("--exec", args);
    }

    [Fact]
    public void The_generic_extractor_is_left_on_only_when_allowed()
    {
        var request = new YtDlpRequest(new Uri("https://example.com/v/1")) { AllowGenericExtractor = true };

        Assert.DoesNotContain("--ies", YtDlpArguments.Common(request, null, null));
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/x.mp4")]
    [InlineData("javascript:alert(1)")]
    public void Non_http_urls_are_refused(string url)
    {
        var e = Assert.Throws<ExtractionException>(() => YtDlpArguments.ValidateUrl(new Uri(url)));
        Assert.Equal(ExtractionErrorKind.UnsupportedUrl, e.Kind);
    }

    [Fact]
    public void A_relative_url_that_looks_like_an_option_is_refused()
    {
        var e = Assert.Throws<ExtractionException>(() => YtDlpArguments.ValidateUrl(new Uri("-o/tmp/pwned", UriKind.RelativeOrAbsolute)));
        Assert.Equal(ExtractionErrorKind.UnsupportedUrl, e.Kind);
    }

    [Fact]
    public void Percent_signs_in_the_folder_cannot_become_template_fields()
    {
        Assert.Equal("/tmp/a%%(title)s/media.%(ext)s", YtDlpArguments.OutputTemplate("/tmp/a%(title)s", "media"));
        Assert.Throws<ArgumentException>(() => YtDlpArguments.OutputTemplate("/tmp", "%(title)s"));
        Assert.Throws<ArgumentException>(() => YtDlpArguments.OutputTemplate("/tmp", "-o"));
    }

    [Fact]
    public void Progress_lines_are_parsed_and_unknown_values_stay_unknown()
    {
        Assert.True(YtDlpProgressLine.TryParse("[videobot] 1024 NA 64108.0 410294.9", out var p));
        Assert.Equal(new YtDlpProgressLine(1024, 64108, 410294.9), p);
        Assert.True(YtDlpProgressLine.TryParse("[videobot] 3072 56052 NA NA", out p));
        Assert.Equal(new YtDlpProgressLine(3072, 56052, null), p);
        Assert.False(YtDlpProgressLine.TryParse("[download] Destination: x.mp4", out _));
    }
}
