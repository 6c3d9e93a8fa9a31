using VideoBot.Host.Configuration;
using VideoBot.Host.Manifests;
using VideoBot.Host.Scripting;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.Tests.Scripting;

public sealed class ResultMappingTests : IDisposable
{
    private const string GoodFormat = "{ url: 'https://cdn.example.com/v.mp4' }";

    private readonly ScriptHarness _harness = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _harness.Dispose();
    }

    private Task<ExtractionResult> AnswerAsync(string answer) =>
        _harness.RunAsync($"function extract(request) {{ return {answer}; }}", new ScriptTestContext(_http));

    [Fact]
    public async Task A_full_post_maps_every_field()
    {
        var result = await AnswerAsync("""
            {
              id: "p1", title: "T", description: "D", uploader: "U", duration: 65.5,
              thumbnail: "https://cdn.example.com/t.jpg", canonicalUrl: "https://example.com/p/p1",
              publishedAt: new Date(Date.UTC(2024, 4, 1, 18, 30)),
              items: [
                { kind: "video", id: "i1", title: "first", duration: 10, thumbnail: "https://cdn.example.com/1.jpg",
                  formats: [
                    { url: "https://cdn.example.com/1.m3u8", formatId: "hls-720", protocol: "hls", headers: { Referer: "https://example.com/" },
                      container: "mp4", videoCodec: "avc1.64001F", audioCodec: "mp4a.40.2", width: 1280, height: 720,
                      bitrate: 2500000, size: 3000000, sizeIsEstimate: true },
                    { url: "https://cdn.example.com/1.mpd", protocol: "dash", videoCodec: "none" },
                  ] },
                { kind: "image", formats: [{ url: "https://cdn.example.com/2.jpg" }] },
                { kind: "animation", formats: [{ url: "https://cdn.example.com/3.mp4" }] },
                { kind: "audio", formats: [{ url: "https://cdn.example.com/4.m4a" }] },
              ],
            }
            """);

        var post = result.Post!;
        Assert.Null(result.YtDlp);
        Assert.Equal(("p1", "T", "D", "U"), (post.Id, post.Title, post.Description, post.Uploader));
        Assert.Equal(TimeSpan.FromSeconds(65.5), post.Duration);
        Assert.Equal(new Uri("https://cdn.example.com/t.jpg"), post.Thumbnail);
        Assert.Equal(new Uri("https://example.com/p/p1"), post.CanonicalUrl);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 18, 30, 0, TimeSpan.Zero), post.PublishedAt);
        Assert.Equal([MediaKind.Video, MediaKind.Image, MediaKind.Animation, MediaKind.Audio], post.Items.Select(i => i.Kind).ToArray());

        var item = post.Items[0];
        Assert.Equal(("i1", "first", TimeSpan.FromSeconds(10)), (item.Id, item.Title, item.Duration));
        var hls = item.Formats[0];
        Assert.Equal(StreamProtocol.Hls, hls.Protocol);
        Assert.Equal("https://example.com/", hls.Headers["Referer"]);
        Assert.Equal(("hls-720", "mp4", "avc1.64001F", "mp4a.40.2"), (hls.FormatId, hls.Container, hls.VideoCodec, hls.AudioCodec));
        Assert.Equal((1280, 720, 2500000L, 3000000L, true), (hls.Width, hls.Height, hls.Bitrate, hls.Size, hls.SizeIsEstimate));
        Assert.Equal(StreamProtocol.Dash, item.Formats[1].Protocol);
        Assert.False(item.Formats[1].HasVideo);
        Assert.Equal(StreamProtocol.Http, post.Items[1].Formats[0].Protocol);
    }

    [Fact]
    public async Task A_yt_dlp_delegation_maps_to_a_YtDlpRequest_with_its_extractor_args()
    {
        var result = await AnswerAsync("""
            { delegate: "yt-dlp", url: "https://www.youtube.com/watch?v=abc", extractorArgs: { youtube: { player_client: ["mweb", "tv_embedded"] } } }
            """);

        Assert.Null(result.Post);
        Assert.Equal(new Uri("https://www.youtube.com/watch?v=abc"), result.YtDlp!.Url);
        Assert.Equal(["mweb", "tv_embedded"], result.YtDlp.ExtractorArgs["youtube"]["player_client"]);
        Assert.False(result.YtDlp.AllowGenericExtractor);
    }

    [Theory]
    [InlineData("undefined", "extract() answered undefined; expected a MediaPost or a YtDlpDelegation object")]
    [InlineData("[1, 2]", "extract() answered an array; expected a MediaPost or a YtDlpDelegation object")]
    [InlineData("'https://cdn.example.com/v.mp4'", "extract() answered a string; expected a MediaPost or a YtDlpDelegation object")]
    [InlineData("{ items: [{ formats: [" + GoodFormat + "] }] }", "id is missing or not a non-empty string")]
    [InlineData("{ id: 7, items: [{ formats: [" + GoodFormat + "] }] }", "id is not a string")]
    [InlineData("{ id: 'a' }", "items is missing or not an array")]
    [InlineData("{ id: 'a', items: { length: 1 } }", "items is missing or not an array")]
    [InlineData("{ id: 'a', items: [{ formats: [] }] }", "items[0].formats is missing or not a non-empty array")]
    [InlineData("{ id: 'a', items: [5] }", "items[0] is not an object")]
    [InlineData("{ id: 'a', items: [{ formats: [" + GoodFormat + ", { url: '/relative.mp4' }] }] }", "items[0].formats[1].url is not an absolute http(s) URL")]
    [InlineData("{ id: 'a', items: [{ formats: [" + GoodFormat + "] }, { formats: [{ url: 'file:///etc/passwd' }] }] }", "items[1].formats[0].url is not an absolute http(s) URL")]
    [InlineData("{ id: 'a', items: [{ formats: [{ formatId: 'x' }] }] }", "items[0].formats[0].url is missing")]
    [InlineData("{ id: 'a', items: [{ formats: [{ url: 'https://c.example/v', protocol: 'rtmp' }] }] }", "items[0].formats[0].protocol is 'rtmp'; expected http, hls or dash")]
    [InlineData("{ id: 'a', items: [{ formats: [{ url: 'https://c.example/v', protocol: 'HLS' }] }] }", "items[0].formats[0].protocol is 'HLS'; expected http, hls or dash")]
    [InlineData("{ id: 'a', items: [{ kind: 'gif', formats: [" + GoodFormat + "] }] }", "items[0].kind is 'gif'; expected video, image, audio or animation")]
    [InlineData("{ id: 'a', duration: -1, items: [{ formats: [" + GoodFormat + "] }] }", "duration is not a non-negative number of seconds")]
    [InlineData("{ id: 'a', items: [{ duration: '10', formats: [" + GoodFormat + "] }] }", "items[0].duration is not a non-negative number of seconds")]
    [InlineData("{ id: 'a', items: [{ formats: [{ url: 'https://c.example/v', height: 720.5 }] }] }", "items[0].formats[0].height is not a non-negative whole number")]
    [InlineData("{ id: 'a', items: [{ formats: [{ url: 'https://c.example/v', headers: { Referer: 1 } }] }] }", "items[0].formats[0].headers.Referer is not a string")]
    [InlineData("{ id: 'a', thumbnail: 'javascript:alert(1)', items: [{ formats: [" + GoodFormat + "] }] }", "thumbnail is not an absolute http(s) URL")]
    [InlineData("{ id: 'a', publishedAt: 'last tuesday', items: [{ formats: [" + GoodFormat + "] }] }", "publishedAt is not an ISO 8601 date")]
    [InlineData("{ delegate: 'youtube-dl', url: 'https://www.youtube.com/watch?v=abc' }", "delegate must be \"yt-dlp\"")]
    [InlineData("{ delegate: 'yt-dlp' }", "url is missing")]
    [InlineData("{ delegate: 'yt-dlp', url: 'https://y.example/v', extractorArgs: { youtube: { player_client: 'mweb' } } }", "extractorArgs.youtube.player_client is not an array of strings")]
    public async Task A_malformed_answer_is_a_plugin_fault_naming_exactly_what_is_wrong(string answer, string expected)
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => AnswerAsync(answer));

        Assert.Equal(ExtractionErrorKind.PluginFault, failure.Kind);
        Assert.Equal($"script 'test' answered a malformed result: {expected}", failure.Message);
    }

    [Fact]
    public async Task An_empty_media_list_is_no_media_not_a_fault()
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => AnswerAsync("{ id: 'a', items: [] }"));

        Assert.Equal(ExtractionErrorKind.NoMedia, failure.Kind);
        Assert.Equal("script 'test' found no media in post 'a' (items is empty)", failure.Message);
    }

    [Fact]
    public async Task An_answer_that_cannot_be_turned_into_data_is_a_plugin_fault()
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => AnswerAsync("(() => { const a = { id: 'a' }; a.self = a; return a; })()"));

        Assert.Equal(ExtractionErrorKind.PluginFault, failure.Kind);
        Assert.Contains("TypeError", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_limits_are_capped_by_the_hosts_maximums()
    {
        var host = new PluginsOptions { MaxScriptTimeoutMs = 20_000, MaxScriptMemoryMb = 64 };

        var asked = ScriptLimits.From(
            new PluginManifest.LimitsSection { TimeoutMs = 120_000, MemoryMb = 512, MaxStatements = 2_000_000, MaxRecursion = 500, MaxResponseKb = 2048 }, host);
        Assert.Equal(new ScriptLimits(TimeSpan.FromSeconds(20), 64L * 1024 * 1024, 2_000_000, 500, 2048L * 1024), asked);

        var modest = ScriptLimits.From(new PluginManifest.LimitsSection { TimeoutMs = 5_000, MemoryMb = 16 }, host);
        Assert.Equal((TimeSpan.FromSeconds(5), 16L * 1024 * 1024), (modest.Timeout, modest.MemoryBytes));

        var defaults = ScriptLimits.From(new PluginManifest.LimitsSection(), new PluginsOptions());
        Assert.Equal(ScriptLimits.Default, defaults);
    }
}
