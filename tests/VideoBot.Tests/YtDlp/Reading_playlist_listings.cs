using VideoBot.Host.Routing;
using VideoBot.Host.Pipeline.Stages;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Manifests;
using Microsoft.Extensions.Logging.Abstractions;

namespace VideoBot.Tests.YtDlp;

/// <summary>yt-dlp's <c>--flat-playlist -J</c> documents, as yt-dlp 2026.11 writes them, read into a page of links.</summary>
public sealed class Reading_playlist_listings
{
    // yt-dlp 2026.11.23, generic extractor, an RSS feed listed with -I 1:2 (trimmed of fields the host does not read).
    private const string Feed = """
        {"_type": "playlist", "id": "http://127.0.0.1:18765/feed.rss", "title": "Fixture TV episodes", "description": "d",
         "entries": [
           {"_type": "url_transparent", "url": "http://127.0.0.1:18765/watch/one", "title": "One", "description": null, "timestamp": null, "duration": null},
           {"_type": "url_transparent", "url": "http://127.0.0.1:18765/watch/two#__youtubedl_smuggle=%7B%22force_videoid%22%3A+%22g2%22%7D", "title": "Two"}],
         "extractor": "generic", "extractor_key": "Generic", "webpage_url": "http://127.0.0.1:18765/feed.rss", "playlist_count": 3,
         "requested_entries": [1, 2], "epoch": 1764880000, "_version": {"version": "2026.11.23"}}
        """;

    // The shape of yt-dlp's YouTube tab listing: url entries with ids, and an unavailable entry as null.
    private const string Channel = """
        {"_type": "playlist", "id": "UCHnyfMqiRRG1u-2MsSQLbXA", "title": "Veritasium - Videos", "channel": "Veritasium",
         "entries": [
           {"_type": "url", "ie_key": "Youtube", "id": "aaaaaaaaaaa", "url": "https://www.youtube.com/watch?v=aaaaaaaaaaa", "title": "First", "duration": 1021.0},
           null,
           {"_type": "url", "ie_key": "Youtube", "id": "ccccccccccc", "url": "https://www.youtube.com/shorts/ccccccccccc", "title": null},
           {"_type": "url", "ie_key": "Youtube", "id": "ddddddddddd", "url": "javascript:alert(1)", "webpage_url": "https://www.youtube.com/watch?v=ddddddddddd"}],
         "extractor": "youtube:tab", "webpage_url": "https://www.youtube.com/channel/UCHnyfMqiRRG1u-2MsSQLbXA/videos"}
        """;

    [Fact]
    public void A_feed_lists_its_entries_without_yt_dlps_smuggled_fragment_and_says_how_many_there_are()
    {
        var page = YtDlpPlaylistJson.Parse(Feed, first: 1);

        Assert.Equal("Fixture TV episodes", page.Title);
        Assert.Equal(3, page.Count);
        Assert.Equal(["http://127.0.0.1:18765/watch/one", "http://127.0.0.1:18765/watch/two"], page.Entries.Select(e => e.Url.AbsoluteUri));
        Assert.Equal([1, 2], page.Entries.Select(e => e.Index));
        Assert.Equal(["One", "Two"], page.Entries.Select(e => e.Title));
    }

    [Fact]
    public void A_later_page_numbers_from_its_first_entry_and_an_unknown_length_stays_unknown()
    {
        var page = YtDlpPlaylistJson.Parse(Channel, first: 6);

        Assert.Null(page.Count);
        Assert.Equal([6, 8, 9], page.Entries.Select(e => e.Index)); // the null entry keeps its place
        Assert.Equal("https://www.youtube.com/watch?v=ddddddddddd", page.Entries[2].Url.AbsoluteUri); // never a javascript: link
        Assert.Null(page.Entries[1].Title);
    }

    [Theory]
    [InlineData("not json", ExtractionErrorKind.SiteChanged)]
    [InlineData("[]", ExtractionErrorKind.NoMedia)]
    [InlineData("""{"_type": "video", "id": "x", "formats": []}""", ExtractionErrorKind.NoMedia)]
    [InlineData("""{"_type": "playlist", "entries": 5}""", ExtractionErrorKind.NoMedia)]
    public void Anything_but_a_playlist_is_a_clear_failure(string json, ExtractionErrorKind kind)
    {
        var failure = Assert.Throws<ExtractionException>(() => YtDlpPlaylistJson.Parse(json, 1));
        Assert.Equal(kind, failure.Kind);
    }

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL1234567890&t=42", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42")]
    [InlineData("https://www.youtube.com/watch?list=PL1234567890&v=dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    public void This_video_is_the_link_without_its_playlist(string link, string single)
    {
        var router = new Router(SixPlugins.Instance, NullLogger<Router>.Instance);
        var candidate = PlaylistLinks.PlaylistOf(router.Route(link))!;

        Assert.True(PlaylistLinks.IsVideoInPlaylist(candidate));
        Assert.Equal(single, PlaylistLinks.SingleVideo(candidate));
        Assert.Null(PlaylistLinks.PlaylistOf(router.Route(single))); // the same cache entry as the video sent alone
    }
}
