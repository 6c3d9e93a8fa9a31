using VideoBot.Host.Plugins;

namespace VideoBot.Tests.Routing;

public sealed class RouterTests
{
    private static readonly PluginHandle Instagram = TestHandles.Make("instagram", ["instagram.com"],
        [@"^https://www\.instagram\.com/(?:p|reel)/(?<id>[A-Za-z0-9_-]+)/?$"],
        priority: 10, aliases: new() { ["instagram.com"] = "www.instagram.com", ["m.instagram.com"] = "www.instagram.com" });

    private static readonly PluginHandle YouTube = TestHandles.Make("youtube", ["youtube.com"],
        [@"^https://www\.youtube\.com/watch\?v=(?<id>[A-Za-z0-9_-]{11})$", @"^https://youtu\.be/(?<id>[A-Za-z0-9_-]{11})$"],
        priority: 10, aliases: new() { ["m.youtube.com"] = "www.youtube.com", ["youtube.com"] = "www.youtube.com" },
        keepQuery: ["v"]);

    private static readonly PluginHandle Generic = TestHandles.Make("generic", ["*"], [@"^https?://.+$"], priority: 1000);

    [Theory]
    [InlineData("https://www.instagram.com/p/Cx1AbC/")]
    [InlineData("https://instagram.com/reel/Cx1AbC")]
    [InlineData("https://m.instagram.com/p/Cx1AbC/")]
    public void A_platform_link_routes_to_its_plugin_with_the_pattern_groups(string link)
    {
        var route = new ListCatalog(Instagram).Router().Route(link);

        var candidate = Assert.Single(route.Candidates);
        Assert.Same(Instagram, candidate.Plugin);
        Assert.Equal("Cx1AbC", candidate.Match["id"]);
        Assert.Equal("www.instagram.com", route.Url!.Host);
        Assert.False(candidate.NeedsRedirectResolution);
    }

    [Theory]
    [InlineData("https://instagram.com.evil.net/p/Cx1AbC/")]
    [InlineData("https://notinstagram.com/p/Cx1AbC/")]
    [InlineData("https://evil.net/instagram.com/p/Cx1AbC/")]
    [InlineData("https://www.\u0456nstagram.com/p/Cx1AbC/")]
    [InlineData("https://www.instagram.com@evil.net/p/Cx1AbC/")]
    public void Look_alike_hosts_are_never_routed_to_the_platform(string link)
    {
        var route = new ListCatalog(Instagram).Router().Route(link);

        Assert.Empty(route.Candidates);
        Assert.False(route.IsRouted);
    }

    [Fact]
    public void Host_aliases_and_keep_query_shape_the_url_the_plugin_gets()
    {
        var route = new ListCatalog(YouTube).Router().Route("https://m.youtube.com/watch?app=desktop&v=dQw4w9WgXcQ&si=xyz#t=1");

        var candidate = Assert.Single(route.Candidates);
        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ", candidate.Url!.AbsoluteUri);
        Assert.Equal(candidate.Url, route.Url);
        Assert.Equal("dQw4w9WgXcQ", candidate.Match["id"]);
    }

    [Fact]
    public void Without_keep_query_every_non_tracking_parameter_stays()
    {
        var plugin = TestHandles.Make("clips", ["clips.example"], [@"^https://clips\.example/v\?id=(?<id>\d+)&lang=en$"]);

        var route = new ListCatalog(plugin).Router().Route("https://clips.example/v?id=7&utm_source=x&lang=en");

        Assert.Equal("7", Assert.Single(route.Candidates).Match["id"]);
    }

    [Fact]
    public void Candidates_run_by_priority_then_id_with_generic_fallbacks_last()
    {
        var low = TestHandles.Make("b-low", ["video.example"], [@"^https://video\.example/(?<id>\d+)$"], priority: 1);
        var high = TestHandles.Make("z-high", ["video.example"], [@"^https://video\.example/(?<id>\d+)$"], priority: 20);
        var tie = TestHandles.Make("a-low", ["video.example"], [@"^https://video\.example/(?<id>\d+)$"], priority: 1);
        var router = new ListCatalog(Generic, low, high, tie).Router();

        var route = router.Route("https://video.example/42");

        Assert.Equal(["z-high", "a-low", "b-low", "generic"], route.Candidates.Select(c => c.Plugin.Id));
    }

    [Fact]
    public void Degraded_plugins_come_after_active_ones_and_inactive_ones_not_at_all()
    {
        var degraded = TestHandles.Make("degraded", ["video.example"], [@"^https://video\.example/(?<id>\d+)$"], priority: 50, status: PluginStatus.Degraded);
        var active = TestHandles.Make("active", ["video.example"], [@"^https://video\.example/(?<id>\d+)$"], priority: 1);
        var disabled = TestHandles.Make("disabled", ["video.example"], [@"^https://video\.example/(?<id>\d+)$"], priority: 99, status: PluginStatus.Disabled);
        var broken = TestHandles.Make("broken", ["video.example"], [@"^https://video\.example/(?<id>\d+)$"], priority: 99, status: PluginStatus.Malfunctioned);

        var route = new ListCatalog(degraded, active, disabled, broken).Router().Route("https://video.example/1");

        Assert.Equal(["active", "degraded"], route.Candidates.Select(c => c.Plugin.Id));
    }

    [Fact]
    public void An_unknown_site_falls_to_the_generic_plugin_only()
    {
        var route = new ListCatalog(Instagram, YouTube, Generic).Router().Route("https://news.example/story/1");

        Assert.Equal(["generic"], route.Candidates.Select(c => c.Plugin.Id));
        Assert.Equal("https://news.example/story/1", route.Url!.AbsoluteUri);
    }

    [Fact]
    public void A_platform_link_its_patterns_reject_is_not_claimed_by_that_plugin()
    {
        var route = new ListCatalog(Instagram, Generic).Router().Route("https://www.instagram.com/accounts/login/");

        Assert.Equal(["generic"], route.Candidates.Select(c => c.Plugin.Id));
    }

    [Fact]
    public void Short_link_hosts_are_candidates_that_need_their_redirect_resolved()
    {
        var tiktok = TestHandles.Make("tiktok", ["tiktok.com"], [@"^https://www\.tiktok\.com/@[^/]+/video/(?<id>\d+)$"],
            shortLinks: ["vm.tiktok.com", "vt.tiktok.com"]);
        var facebook = TestHandles.Make("facebook", ["facebook.com"], [@"^https://www\.facebook\.com/reel/(?<id>\d+)$"],
            resolveRedirects: [@"^https://www\.facebook\.com/share/[vr]/[A-Za-z0-9]+/?$"]);
        var router = new ListCatalog(tiktok, facebook).Router();

        var shortLink = Assert.Single(router.Route("https://vm.tiktok.com/ZMabc123/").Candidates);
        var share = Assert.Single(router.Route("https://www.facebook.com/share/v/1AbCd/").Candidates);
        var direct = Assert.Single(router.Route("https://www.tiktok.com/@user/video/7312345678901234567").Candidates);

        Assert.True(shortLink.NeedsRedirectResolution);
        Assert.Empty(shortLink.Match);
        Assert.True(share.NeedsRedirectResolution);
        Assert.False(direct.NeedsRedirectResolution);
        Assert.Empty(router.Route("https://vm.tiktok.com.evil.net/ZMabc123/").Candidates);
    }

    [Fact]
    public void A_pattern_that_times_out_skips_its_plugin_and_the_next_one_still_serves()
    {
        // Catastrophic backtracking: on a long run of "a" with no final "!", this pattern never finishes in 100 ms.
        var slow = TestHandles.Make("slow", ["slow.example"], [@"^https://slow\.example/(a+)+!$"], priority: 100);
        var fine = TestHandles.Make("fine", ["slow.example"], [@"^https://slow\.example/(?<id>a+)$"]);

        var route = new ListCatalog(slow, fine).Router().Route("https://slow.example/" + new string('a', 40));

        Assert.Equal(["fine"], route.Candidates.Select(c => c.Plugin.Id));
    }

    [Theory]
    [InlineData("ftp://vimeo.com/1", "only http and https links are supported, not ftp:")]
    [InlineData("https://user:pw@vimeo.com/1", "links with a user name or password in them are not accepted")]
    [InlineData("", "the link is empty")]
    public void A_malformed_link_is_not_routed_and_says_why(string link, string reason)
    {
        var route = new ListCatalog(Generic).Router().Route(link);

        Assert.Null(route.Url);
        Assert.Empty(route.Candidates);
        Assert.Equal(reason, route.Error);
        Assert.Equal(link, route.Input);
    }

    [Fact]
    public void A_new_catalog_snapshot_is_picked_up_by_the_next_route()
    {
        var catalog = new ListCatalog(Instagram);
        var router = catalog.Router();
        Assert.Empty(router.Route("https://www.youtube.com/watch?v=dQw4w9WgXcQ").Candidates);

        catalog.Publish(Instagram, YouTube);

        Assert.Equal("youtube", Assert.Single(router.Route("https://www.youtube.com/watch?v=dQw4w9WgXcQ").Candidates).Plugin.Id);
    }

    [Fact]
    public void A_status_change_between_snapshots_applies_at_once()
    {
        var plugin = TestHandles.Make("clips", ["clips.example"], [@"^https://clips\.example/(?<id>\d+)$"]);
        var router = new ListCatalog(plugin).Router();
        Assert.Single(router.Route("https://clips.example/1").Candidates);

        plugin.Status = PluginStatus.Disabled;

        Assert.Empty(router.Route("https://clips.example/1").Candidates);
    }
}
