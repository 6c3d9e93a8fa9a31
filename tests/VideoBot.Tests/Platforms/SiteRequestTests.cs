using System.Text.Json;
using VideoBot.Sdk.Media;

namespace VideoBot.Tests.Platforms;

/// <summary>
/// What the platform scripts send, as the sites of late 2026 want it (headers, persisted-query hashes, client ids), and the
/// settings an operator uses to follow a site's next change. The requests are the ones the scripts really sent through the
/// gateway, recorded below it; the answers are the manifest tests' fixtures.
/// </summary>
public sealed class SiteRequestTests
{
    [Fact]
    public async Task Pinterest_asks_for_a_pin_with_the_pws_handler_yt_dlp_and_gallery_dl_send()
    {
        var sent = new List<ManifestTestRunner.SentRequest>();

        var outcome = await ManifestTestRunner.RunAsync("pinterest", 0, sent: sent);

        Assert.NotNull(outcome.Post);
        var request = Assert.Single(sent);
        Assert.Equal("www/[username].js", request.Headers["X-Pinterest-PWS-Handler"]);
    }

    [Fact]
    public async Task Twitch_batches_share_clip_render_status_and_the_web_access_token_query_with_the_settings_client_id()
    {
        var sent = new List<ManifestTestRunner.SentRequest>();

        await ManifestTestRunner.RunAsync("twitch", 0, sent: sent);

        var request = Assert.Single(sent);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("ue6666qo983tsx6so1t0vnawi233wa", request.Headers["Client-ID"]);
        var batch = JsonDocument.Parse(request.Body!).RootElement;
        Assert.Equal(["ShareClipRenderStatus", "VideoAccessToken_Clip"], batch.EnumerateArray().Select(o => o.GetProperty("operationName").GetString()));
        Assert.Equal("0a02bb974443b576f5579aab0fef1d4b7f44e58a8a256f0c5adfead0db70640f", Hash(batch[0]));
        Assert.Equal("993d9a5131f15a37bd16f32342c44ed1e0b1a9b968c6afdb662d2cddd595f6c5", Hash(batch[1]));
        Assert.Equal("web", batch[1].GetProperty("variables").GetProperty("platform").GetString());
        Assert.All(batch.EnumerateArray(), o => Assert.Equal("FaintLightGullWholeWheat", o.GetProperty("variables").GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task An_operator_follows_a_twitch_hash_rotation_with_settings_alone()
    {
        var sent = new List<ManifestTestRunner.SentRequest>();
        var settings = new Dictionary<string, string>
        {
            ["clientId"] = "kimne78kx3ncx6brgo4mv6wki5h1ko",
            ["shareClipRenderStatusHash"] = new string('a', 64),
            ["videoAccessTokenClipHash"] = new string('b', 64),
        };

        await ManifestTestRunner.RunAsync("twitch", 0, settings, sent);

        var request = Assert.Single(sent);
        Assert.Equal("kimne78kx3ncx6brgo4mv6wki5h1ko", request.Headers["Client-ID"]);
        var batch = JsonDocument.Parse(request.Body!).RootElement;
        Assert.Equal(new string('a', 64), Hash(batch[0]));
        Assert.Equal(new string('b', 64), Hash(batch[1]));
    }

    [Fact]
    public async Task A_twitch_clip_plays_its_default_framing_not_the_portrait_crop()
    {
        var outcome = await ManifestTestRunner.RunAsync("twitch", 0);

        var formats = outcome.Post!.Items[0].Formats;
        Assert.Equal(["1080p60", "720p60", "480p30", "360p30"], formats.Select(f => f.FormatId));
        Assert.DoesNotContain(formats, f => f.Url.AbsolutePath.Contains("/portrait/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_blank_twitch_client_id_is_the_operators_mistake_not_a_site_change()
    {
        var outcome = await ManifestTestRunner.RunAsync("twitch", 0, new Dictionary<string, string> { ["clientId"] = " " });

        Assert.Equal(VideoBot.Sdk.Extraction.ExtractionErrorKind.PluginFault, outcome.Error?.Kind);
        Assert.Contains("clientId", outcome.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bluesky_video_is_read_from_the_cdn_host_as_cobalt_does()
    {
        var outcome = await ManifestTestRunner.RunAsync("bluesky", 0);

        var format = Assert.Single(outcome.Post!.Items[0].Formats);
        Assert.Equal(StreamProtocol.Hls, format.Protocol);
        Assert.Equal(
            "https://video.cdn.bsky.app/hls/did%3Aplc%3Az72i7hdynmk6r22z27h6tvur/bafkreihwihm6kpd6zuwhhlro75p5qks5qtrcu55jp3gddbfjsieiv7wuka/playlist.m3u8",
            format.Url.OriginalString);
    }

    [Fact]
    public async Task With_the_cdn_rewrite_turned_off_the_bluesky_playlist_is_the_appviews_own()
    {
        var outcome = await ManifestTestRunner.RunAsync("bluesky", 0, new Dictionary<string, string> { ["cdnPlaylist"] = "false" });

        var format = Assert.Single(outcome.Post!.Items[0].Formats);
        Assert.StartsWith("https://video.bsky.app/watch/", format.Url.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_threads_raw_page_fallback_takes_the_posts_own_video_not_a_related_one()
    {
        var index = ManifestTestRunner.TestNamed("threads", "When no data-sjs payload holds the post, its video_versions are found in the raw page, nearest the post's code");

        var outcome = await ManifestTestRunner.RunAsync("threads", index);

        var formats = outcome.Post!.Items[0].Formats;
        Assert.Equal(["v101", "v102", "v103"], formats.Select(f => f.FormatId));
        Assert.Contains("AQN1x_101.mp4", formats[0].Url.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Threads_sends_the_operators_cookies_only_when_they_are_set()
    {
        var without = new List<ManifestTestRunner.SentRequest>();
        var with = new List<ManifestTestRunner.SentRequest>();

        await ManifestTestRunner.RunAsync("threads", 0, sent: without);
        await ManifestTestRunner.RunAsync("threads", 0, new Dictionary<string, string> { ["cookies"] = "sessionid=4242%3Aabc; csrftoken=xyz" }, with);

        Assert.False(Assert.Single(without).Headers.ContainsKey("Cookie"));
        Assert.Equal("sessionid=4242%3Aabc; csrftoken=xyz", Assert.Single(with).Headers["Cookie"]);
    }

    private static string? Hash(JsonElement operation) =>
        operation.GetProperty("extensions").GetProperty("persistedQuery").GetProperty("sha256Hash").GetString();
}
