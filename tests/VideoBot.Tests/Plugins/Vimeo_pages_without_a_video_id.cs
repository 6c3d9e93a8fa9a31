using VideoBot.Sdk.Extraction;

namespace VideoBot.Tests.Plugins;

/// <summary>
/// Vimeo link forms that name a page rather than a video the player config could be asked for (on-demand titles, live
/// events, review links, vimeopro portfolios, users' custom URLs): the assembly plugin hands them to yt-dlp as routed,
/// without a request of its own. Forms from yt-dlp's own Vimeo tests.
/// </summary>
public sealed class Vimeo_pages_without_a_video_id(VimeoPluginTests.Loaded vimeo) : IClassFixture<VimeoPluginTests.Loaded>
{
    [Theory]
    [InlineData("https://vimeo.com/ondemand/nazmaalik", "https://vimeo.com/ondemand/nazmaalik")]
    [InlineData("https://vimeo.com/ondemand/thelastcolony/150274832", "https://vimeo.com/ondemand/thelastcolony/150274832")]
    [InlineData("https://vimeo.com/event/5116195", "https://vimeo.com/event/5116195")]
    [InlineData("https://vimeo.com/event/5113032/embed?autoplay=1&muted=1", "https://vimeo.com/event/5113032/embed")]
    [InlineData("https://vimeo.com/event/4606123/embed/358d60ce2e", "https://vimeo.com/event/4606123/embed/358d60ce2e")]
    [InlineData("https://vimeo.com/event/595460/videos/498149131/", "https://vimeo.com/event/595460/videos/498149131/")]
    [InlineData("https://vimeo.com/user21297594/review/75524534/3c257a1b5d", "https://vimeo.com/user21297594/review/75524534/3c257a1b5d")]
    [InlineData("https://vimeo.com/user26785108/newspiritualguide", "https://vimeo.com/user26785108/newspiritualguide")]
    [InlineData("http://www.vimeopro.com/openstreetmapus/state-of-the-map-us-2013/video/68093876", "http://vimeopro.com/openstreetmapus/state-of-the-map-us-2013/video/68093876")]
    [InlineData("https://vimeopro.com/cadfem/simulation-conference-mechanische-systeme-in-perfektion", "https://vimeopro.com/cadfem/simulation-conference-mechanische-systeme-in-perfektion")]
    public async Task A_page_link_is_handed_to_yt_dlp_as_routed_without_a_request(string link, string expected)
    {
        var candidate = Assert.Single(vimeo.Router.Route(link).Candidates);
        using var http = new HttpClient(new RefusingHandler());

        var result = await vimeo.Handle.Extractor!.ExtractAsync(
            new ExtractionRequest(candidate.Url!, link, candidate.Match), new TestExtractionContext("vimeo", http), CancellationToken.None);

        Assert.Null(result.Post);
        Assert.Equal(expected, result.YtDlp!.Url.AbsoluteUri);
        Assert.False(result.YtDlp.AllowGenericExtractor);
    }

    [Fact]
    public void The_old_flash_player_link_names_its_video_by_id()
    {
        var candidate = Assert.Single(vimeo.Router.Route("http://vimeo.com/moogaloop.swf?clip_id=2539741&autoplay=1").Candidates);

        Assert.Equal("2539741", candidate.Match["id"]);
        Assert.False(candidate.Match.ContainsKey("form"));
    }

    [Theory]
    [InlineData("https://vimeo.com/user26785108/videos")]
    [InlineData("https://vimeo.com/user26785108/likes")]
    [InlineData("https://vimeo.com/user26785108")]
    [InlineData("https://vimeo.com/ondemand/")]
    [InlineData("https://vimeo.com/event/")]
    [InlineData("https://vimeopro.com/cadfem")]
    [InlineData("https://vimeopro.com.evil.example/cadfem/simulation-conference")]
    [InlineData("https://evilvimeopro.com/cadfem/simulation-conference")]
    [InlineData("https://vimeo.com.evil.example/ondemand/nazmaalik")]
    public void A_list_page_or_a_look_alike_host_does_not_route(string link)
    {
        Assert.Empty(vimeo.Router.Route(link).Candidates);
    }

    /// <summary>Handing a page on needs no request; any attempt fails the test loudly.</summary>
    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"the Vimeo plugin fetched {request.RequestUri}");
    }
}
