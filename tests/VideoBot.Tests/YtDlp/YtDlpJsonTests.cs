using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.Tests.YtDlp;

public sealed class YtDlpJsonTests
{
    private const string Video = """
        {"id": "abc", "title": "A title", "description": "Words", "uploader": "Someone", "duration": 12.5,
         "thumbnail": "https://i.example/abc.jpg", "webpage_url": "https://site.example/v/abc", "timestamp": 1700000000,
         "formats": [
           {"format_id": "hls-720", "url": "https://cdn.example/720.m3u8", "protocol": "m3u8_native", "ext": "mp4",
            "vcodec": "avc1.64001F", "acodec": "mp4a.40.2", "width": 1280, "height": 720, "tbr": 2500.5},
           {"format_id": "dash-v", "url": "https://cdn.example/v.mpd", "protocol": "http_dash_segments", "ext": "mp4",
            "vcodec": "avc1.4d401e", "acodec": "none", "height": 480, "filesize_approx": 5000000},
           {"format_id": "18", "url": "https://cdn.example/18.mp4", "protocol": "https", "ext": "mp4", "filesize": 1234567,
            "http_headers": {"Referer": "https://site.example/", "X-Num": 5}},
           {"format_id": "sb0", "url": "https://cdn.example/sb.mhtml", "protocol": "mhtml", "ext": "mhtml"},
           {"format_id": "rtmp", "url": "rtmp://cdn.example/live", "protocol": "rtmp"}
         ]}
        """;

    [Fact]
    public void A_video_becomes_one_item_with_the_formats_the_host_can_fetch()
    {
        var post = YtDlpJson.Parse(Video);

        Assert.Equal("abc", post.Id);
        Assert.Equal("A title", post.Title);
        Assert.Equal("Someone", post.Uploader);
        Assert.Equal(TimeSpan.FromSeconds(12.5), post.Duration);
        Assert.Equal(new Uri("https://site.example/v/abc"), post.CanonicalUrl);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), post.PublishedAt);
        var item = Assert.Single(post.Items);
        Assert.Equal(["hls-720", "dash-v", "18"], item.Formats.Select(f => f.FormatId));

        var hls = item.Formats[0];
        Assert.Equal(StreamProtocol.Hls, hls.Protocol);
        Assert.Equal(2_500_500, hls.Bitrate); // kbit/s to bit/s
        Assert.Equal((1280, 720), (hls.Width!.Value, hls.Height!.Value));
        Assert.Null(hls.Size);

        var dash = item.Formats[1];
        Assert.Equal(StreamProtocol.Dash, dash.Protocol);
        Assert.False(dash.HasAudio);
        Assert.Equal(5_000_000, dash.Size);
        Assert.True(dash.SizeIsEstimate);

        var http = item.Formats[2];
        Assert.Equal(StreamProtocol.Http, http.Protocol);
        Assert.Equal(1_234_567, http.Size);
        Assert.False(http.SizeIsEstimate);
        Assert.Equal("https://site.example/", http.Headers["Referer"]);
        Assert.False(http.Headers.ContainsKey("X-Num"));
    }

    [Fact]
    public void A_playlist_becomes_a_carousel_and_unavailable_entries_are_skipped()
    {
        var json = $$"""
            {"_type": "playlist", "id": "post", "title": "Album", "entries": [
              {{Video}}, null,
              {"id": "two", "url": "https://cdn.example/two.mp4", "ext": "mp4", "protocol": "https", "format_id": "0"}
            ]}
            """;

        var post = YtDlpJson.Parse(json);

        Assert.True(post.IsCarousel);
        Assert.Equal("post", post.Id);
        Assert.Equal(["abc", "two"], post.Items.Select(i => i.Id));
        Assert.Equal(new Uri("https://cdn.example/two.mp4"), Assert.Single(post.Items[1].Formats).Url);
    }

    [Fact]
    public void A_result_without_any_usable_format_holds_no_media()
    {
        var e = Assert.Throws<ExtractionException>(() => YtDlpJson.Parse("""{"id": "x", "formats": [{"url": "rtmp://a/b", "protocol": "rtmp"}]}"""));
        Assert.Equal(ExtractionErrorKind.NoMedia, e.Kind);
    }

    [Fact]
    public void Output_that_is_not_json_means_the_site_changed()
    {
        var e = Assert.Throws<ExtractionException>(() => YtDlpJson.Parse("null"));
        Assert.Equal(ExtractionErrorKind.SiteChanged, e.Kind);
    }
}
