using System.Text.Json;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.Tests.Platforms;

/// <summary>What the platform scripts make of answers the manifest tests do not record: throttling, signed URLs, formats.</summary>
public sealed class ScriptBehaviourTests
{
    [Fact]
    public async Task A_throttled_API_is_a_rate_limit_that_carries_the_sites_retry_after()
    {
        var fixtures = ManifestTestRunner.Fixtures(("https://api.streamable.com/videos/moo",
            """{ "status": 429, "headers": { "Retry-After": "30" }, "body": "Too Many Requests" }"""));

        var outcome = await ManifestTestRunner.RunAsync("streamable", "https://streamable.com/moo", fixtures);

        Assert.NotNull(outcome.Error);
        Assert.Equal(ExtractionErrorKind.RateLimited, outcome.Error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), outcome.Error.RetryAfter);
    }

    [Fact]
    public async Task Streamable_protocol_relative_file_urls_become_https()
    {
        var outcome = await ManifestTestRunner.RunAsync("streamable", 0);

        var formats = outcome.Post!.Items[0].Formats;
        Assert.Equal(2, formats.Count);
        Assert.All(formats, f => Assert.Equal("https", f.Url.Scheme));
        Assert.Contains(formats, f => f.FormatId == "mp4-mobile" && f.Height == 360 && f.Size == 613349);
    }

    [Fact]
    public async Task A_reddit_video_offers_hls_and_dash_and_marks_the_fallback_file_as_silent()
    {
        var outcome = await ManifestTestRunner.RunAsync("reddit", 0);

        var formats = outcome.Post!.Items[0].Formats;
        Assert.Contains(formats, f => f.Protocol == StreamProtocol.Hls);
        Assert.Contains(formats, f => f.Protocol == StreamProtocol.Dash);
        var fallback = Assert.Single(formats, f => f.FormatId == "fallback");
        Assert.False(fallback.HasAudio);
        Assert.Equal(new DateTimeOffset(2023, 3, 28, 14, 0, 43, TimeSpan.Zero), outcome.Post.PublishedAt);
    }

    [Fact]
    public async Task A_reddit_gallery_item_is_the_original_on_i_redd_it_and_its_animated_image_an_mp4()
    {
        var outcome = await ManifestTestRunner.RunAsync("reddit", ManifestTestRunner.TestNamed("reddit", "A gallery keeps its order and its animated image"));

        var items = outcome.Post!.Items;
        Assert.Equal(new Uri("https://i.redd.it/k8f1y2qz5crc1.jpg"), items[0].Formats[0].Url);
        Assert.Equal(new Uri("https://i.redd.it/w2l9c0rz5crc1.png"), items[1].Formats[0].Url);
        Assert.Equal("Second morning", items[1].Title);
        Assert.Equal(MediaKind.Animation, items[2].Kind);
        Assert.Equal("mp4", items[2].Formats[0].Container);
    }

    [Fact]
    public async Task A_twitch_clip_url_carries_its_signature_and_url_encoded_token()
    {
        var outcome = await ManifestTestRunner.RunAsync("twitch", 0);

        var best = outcome.Post!.Items[0].Formats.Single(f => f.Height == 1080);
        var query = best.Url.Query;
        Assert.StartsWith("?sig=2d9b1e7a4c0f5b83e6a91d2c7f40b5e8a1c3d9f2&token=", query, StringComparison.Ordinal);
        Assert.Contains("%22authorization%22%3A%7B%22forbidden%22%3Afalse", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_twitch_token_that_forbids_playback_for_the_region_is_geo_blocked()
    {
        var token = JsonSerializer.Serialize(new { authorization = new { forbidden = true, reason = "geoblocked country" }, version = 3 });
        var quality = new { frameRate = 30, quality = "720", sourceURL = "https://production.assets.clips.twitchcdn.net/v2/media/x/720.mp4" };
        object[] answer =
        [
            new { data = new { clip = new { id = "1", playbackAccessToken = new { signature = "ab", value = token }, videoQualities = new[] { quality } } } },
            new { data = new { clip = new { id = "1", title = "t", durationSeconds = 10, broadcaster = new { login = "a", displayName = "A" } } } },
        ];
        var fixtures = ManifestTestRunner.Fixtures(("https://gql.twitch.tv/gql", JsonSerializer.Serialize(new { json = answer })));

        var outcome = await ManifestTestRunner.RunAsync("twitch", "https://clips.twitch.tv/SomeClipSlug", fixtures);

        Assert.Equal(ExtractionErrorKind.GeoBlocked, outcome.Error?.Kind);
    }

    [Fact]
    public async Task A_telegram_album_keeps_the_order_of_its_photo_and_video()
    {
        var outcome = await ManifestTestRunner.RunAsync("telegram", 2);

        var items = outcome.Post!.Items;
        Assert.Equal([MediaKind.Image, MediaKind.Video], items.Select(i => i.Kind));
        Assert.Equal(["4118", "4119"], items.Select(i => i.Id));
        Assert.Equal(TimeSpan.FromSeconds(17), items[1].Duration);
    }

    [Fact]
    public async Task A_threads_carousel_keeps_its_video_renditions_best_first()
    {
        var outcome = await ManifestTestRunner.RunAsync("threads", ManifestTestRunner.TestNamed("threads", "A carousel mixes photos and a video in order"));

        var video = outcome.Post!.Items[1];
        Assert.Equal(MediaKind.Video, video.Kind);
        Assert.Equal(["v101", "v103"], video.Formats.Select(f => f.FormatId));
        Assert.Equal(720, video.Formats[0].Width);
    }

    [Fact]
    public async Task A_pinterest_video_offers_its_hls_playlist_and_mp4_files_once_each()
    {
        var outcome = await ManifestTestRunner.RunAsync("pinterest", 0);

        var formats = outcome.Post!.Items[0].Formats;
        Assert.Equal(4, formats.Count);
        Assert.Equal(2, formats.Count(f => f.Protocol == StreamProtocol.Hls));
        Assert.Contains(formats, f => f.FormatId == "V_720P" && f.Protocol == StreamProtocol.Http && f.Height == 1280);
    }
}
