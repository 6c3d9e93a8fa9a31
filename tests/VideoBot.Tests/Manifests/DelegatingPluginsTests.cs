using Microsoft.Extensions.Logging.Abstractions;
using VideoBot.Host.Configuration;
using VideoBot.Host.Extraction;
using VideoBot.Host.Manifests;
using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Tests.Manifests;

/// <summary>
/// The six delegating plugins against the link forms users actually send (taken from the sites and from yt-dlp's own
/// extractor tests), and against look-alike hosts that must never reach them. Routing is the host's real router over the
/// real loaded plugins; the scripts run in the real sandbox.
/// </summary>
public sealed class DelegatingPluginsTests
{
    private static readonly Router Router = new(SixPlugins.Instance, NullLogger<Router>.Instance);

    public static TheoryData<string> Plugins() => [.. SixPlugins.Ids];

    public static TheoryData<string, string, string> RealLinks() => new()
    {
        { "youtube", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ" },
        { "youtube", "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=1m2s", "dQw4w9WgXcQ" },
        { "youtube", "youtube.com/watch?v=jNQXAC9IVRw", "jNQXAC9IVRw" },
        { "youtube", "https://m.youtube.com/watch?v=jNQXAC9IVRw", "jNQXAC9IVRw" },
        { "youtube", "https://music.youtube.com/watch?v=dQw4w9WgXcQ&list=RDAMVMdQw4w9WgXcQ", "dQw4w9WgXcQ" },
        { "youtube", "https://www.youtube.com/shorts/aqz-KE-bpKQ", "aqz-KE-bpKQ" },
        { "youtube", "https://youtube.com/shorts/aqz-KE-bpKQ?si=1a2b3c", "aqz-KE-bpKQ" },
        { "youtube", "https://www.youtube.com/live/jfKfPfyJRdk?si=abc", "jfKfPfyJRdk" },
        { "youtube", "https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1", "dQw4w9WgXcQ" },
        { "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ" },
        { "youtube", "https://youtu.be/dQw4w9WgXcQ", "dQw4w9WgXcQ" },
        { "youtube", "https://youtu.be/dQw4w9WgXcQ?t=42", "dQw4w9WgXcQ" },
        { "youtube", "http://www.youtube.com/watch?v=-wtIMTCHWuI", "-wtIMTCHWuI" },
        { "tiktok", "https://www.tiktok.com/@scout2015/video/6718335390845095173", "6718335390845095173" },
        { "tiktok", "https://www.tiktok.com/@leenabhushan/video/6748451240264420610?is_from_webapp=1&sender_device=pc", "6748451240264420610" },
        { "tiktok", "https://tiktok.com/@user.name_1/photo/7291516244386041121", "7291516244386041121" },
        { "tiktok", "https://m.tiktok.com/v/6606727368545406213.html", "6606727368545406213" },
        { "tiktok", "https://www.tiktok.com/embed/v2/7086844665237900545", "7086844665237900545" },
        { "instagram", "https://www.instagram.com/p/aye83DjauH/?foo=bar#abc", "aye83DjauH" },
        { "instagram", "https://instagram.com/reel/Chunk8-jurw/", "Chunk8-jurw" },
        { "instagram", "https://www.instagram.com/reels/Chunk8-jurw/", "Chunk8-jurw" },
        { "instagram", "https://www.instagram.com/tv/aye83DjauH/", "aye83DjauH" },
        { "instagram", "https://www.instagram.com/marvelskies.fc/reel/CWqAgUZgCku/", "CWqAgUZgCku" },
        { "instagram", "https://instagr.am/p/aye83DjauH/", "aye83DjauH" },
        { "instagram", "https://m.instagram.com/p/aye83DjauH/embed/", "aye83DjauH" },
        { "instagram", "https://www.instagram.com/stories/highlights/18090946048123978/", "18090946048123978" },
        { "facebook", "https://www.facebook.com/watch/?v=1195289147628387", "1195289147628387" },
        { "facebook", "https://www.facebook.com/watch?v=10153231379946729&ref=sharing", "10153231379946729" },
        { "facebook", "https://www.facebook.com/watch/live/?v=1823658634322275", "1823658634322275" },
        { "facebook", "https://m.facebook.com/watch/?v=1195289147628387", "1195289147628387" },
        { "facebook", "https://web.facebook.com/reel/1195289147628387", "1195289147628387" },
        { "facebook", "https://www.facebook.com/gov.sg/videos/10154383743583686/", "10154383743583686" },
        { "facebook", "https://www.facebook.com/WatchESLOne/videos/359649331226507/", "359649331226507" },
        { "facebook", "https://www.facebook.com/Some-Page/videos/a-title-slug/512345678901234/", "512345678901234" },
        { "facebook", "https://mbasic.facebook.com/video.php?v=274175099429670", "274175099429670" },
        { "twitter", "https://twitter.com/freethenipple/status/643211948184596480", "643211948184596480" },
        { "twitter", "https://x.com/NASA/status/1765432109876543210?s=20", "1765432109876543210" },
        { "twitter", "https://mobile.twitter.com/i/status/1765432109876543210", "1765432109876543210" },
        { "twitter", "https://mobile.x.com/someone/status/1765432109876543210/video/1", "1765432109876543210" },
        { "twitter", "https://www.x.com/i/web/status/1765432109876543210", "1765432109876543210" },
        { "twitter", "https://fxtwitter.com/someone/status/1765432109876543210", "1765432109876543210" },
        { "twitter", "https://vxtwitter.com/someone/status/1765432109876543210", "1765432109876543210" },
        { "twitter", "https://fixupx.com/someone/status/1765432109876543210/photo/2", "1765432109876543210" },
        { "linkedin", "https://www.linkedin.com/posts/mishalkhawaja_sendinblueviews-toronto-digitalmarketing-ugcPost-6850898786781339649-mM20", "6850898786781339649" },
        { "linkedin", "https://www.linkedin.com/posts/the-mathworks_2_what-is-mathworks-cloud-center-activity-7151241570371948544-4Gu7/?utm_source=share", "7151241570371948544" },
        { "linkedin", "https://linkedin.com/feed/update/urn:li:activity:7016901149999955968/", "7016901149999955968" },
        { "linkedin", "https://www.linkedin.com/embed/feed/update/urn:li:activity:7016901149999955968", "7016901149999955968" },
        { "youtube", "https://www.youtube.com/watch_popup?v=63RmMXCd_bQ", "63RmMXCd_bQ" },
        { "youtube", "https://www.youtubekids.com/watch?v=3b8nCWDgZ6Q", "3b8nCWDgZ6Q" },
        { "tiktok", "https://www.tiktok.com/share/video/7668090902816017671/", "7668090902816017671" },
        { "tiktok", "https://www.tiktokv.com/share/video/7668090902816017671/", "7668090902816017671" },
        { "tiktok", "https://www.tiktok.com/@/video/7668090902816017671/", "7668090902816017671" },
        { "tiktok", "https://www.tiktok.com/@MS4wLjABAAAATh8Vewkn0LYM7Fo03iec3qKdeCUOcBIouRk1mkiag6h3o_pQu_dUXvZ2EZlGST7_/video/7042692929109986561", "7042692929109986561" },
        { "facebook", "https://zh-hk.facebook.com/peoplespower/videos/1135894589806027/", "1135894589806027" },
        { "facebook", "https://www.facebook.com/video/embed?video_id=10154383743583686&autoplay=1", "10154383743583686" },
        { "twitter", "https://twitter.com/i/cards/tfw/v1/560070183650213889", "560070183650213889" },
        { "twitter", "https://twitter.com/i/videos/tweet/705235433198714880", "705235433198714880" },
    };

    /// <summary>Link forms that name a page, a clip or a broadcast rather than a video id: each goes to yt-dlp in its own canonical form.</summary>
    public static TheoryData<string, string> PageLinks() => new()
    {
        { "https://www.youtube.com/clip/UgytZKpehg-hEMBSn3F4AaABCQ?si=abc", "https://www.youtube.com/clip/UgytZKpehg-hEMBSn3F4AaABCQ" },
        { "https://www.youtube.com/embed/live_stream?channel=UC2_KI6RB__jGdlnK6dvFEZA&autoplay=1", "https://www.youtube.com/embed/live_stream?channel=UC2_KI6RB__jGdlnK6dvFEZA" },
        { "https://www.youtubekids.com/watch?v=3b8nCWDgZ6Q", "https://www.youtube.com/watch?v=3b8nCWDgZ6Q" },
        { "https://www.facebook.com/maxlayn/posts/10153807558977570?rdid=Ab1&mibextid=x", "https://www.facebook.com/maxlayn/posts/10153807558977570" },
        { "https://www.facebook.com/attn/posts/pfbid0j1Czf2gGDVqeQ8KiMLFm3pWN8GxsQmeRrVhimWDzMuKQoR8r4b1knNsejELmUgyhl", "https://www.facebook.com/attn/posts/pfbid0j1Czf2gGDVqeQ8KiMLFm3pWN8GxsQmeRrVhimWDzMuKQoR8r4b1knNsejELmUgyhl" },
        { "https://m.facebook.com/story.php?story_fbid=1035862816472149&id=116132035111903&mibextid=Nif5oz", "https://www.facebook.com/story.php?story_fbid=1035862816472149&id=116132035111903" },
        { "http://www.facebook.com/permalink.php?story_fbid=pfbid0fqQuVEQyXRa9Dp4RcaTR14KHU3uULHV1EK7eckNXSH63JMuoALsAvVCJ97zAGitil&id=100068861234290", "https://www.facebook.com/permalink.php?story_fbid=pfbid0fqQuVEQyXRa9Dp4RcaTR14KHU3uULHV1EK7eckNXSH63JMuoALsAvVCJ97zAGitil&id=100068861234290" },
        { "https://www.facebook.com/groups/1513990329015294/posts/d41d8cd9/2013209885760000/?app=fbl", "https://www.facebook.com/groups/1513990329015294/posts/d41d8cd9/2013209885760000/" },
        { "https://www.facebook.com/groups/ateistiskselskab/permalink/10154930137678856/", "https://www.facebook.com/groups/ateistiskselskab/permalink/10154930137678856/" },
        { "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fgov.sg%2Fvideos%2F10154383743583686%2F&show_text=0&width=560", "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fgov.sg%2Fvideos%2F10154383743583686%2F" },
        { "https://www.facebook.com/watchparty/211641140192478", "https://www.facebook.com/watchparty/211641140192478" },
        { "https://m.facebook.com/events/1509582499515440", "https://www.facebook.com/events/1509582499515440" },
        { "https://es-la.facebook.com/ads/library/?id=901230958115569", "https://es-la.facebook.com/ads/library/?id=901230958115569" },
        { "https://x.com/i/broadcasts/1yNGaQLWpejGj", "https://twitter.com/i/broadcasts/1yNGaQLWpejGj" },
        { "https://twitter.com/i/cards/tfw/v1/560070183650213889", "https://twitter.com/i/status/560070183650213889" },
        { "https://www.linkedin.com/events/27-02energyfreedombyenergyclub7295762520814874625/comments/", "https://www.linkedin.com/events/27-02energyfreedombyenergyclub7295762520814874625/comments/" },
        { "https://www.linkedin.com/events/7084656651378536448?trk=share", "https://www.linkedin.com/events/7084656651378536448/comments/" },
    };

    public static TheoryData<string> LookAlikes() =>
    [
        "https://youtube.com.evil.net/watch?v=dQw4w9WgXcQ",
        "https://notyoutube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com.evil.net/shorts/aqz-KE-bpKQ",
        "https://evil.net/?u=https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://evil.net/https://youtu.be/dQw4w9WgXcQ",
        "https://youtu.be.evil.net/dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ.evil.net",
        "https://tiktok.com.evil.io/@a/video/6718335390845095173",
        "https://nottiktok.com/@a/video/6718335390845095173",
        "https://www.instagram.com.evil.net/p/aye83DjauH/",
        "https://fakeinstagram.com/p/aye83DjauH/",
        "https://instagram.com@evil.net/p/aye83DjauH/",
        "https://www.facebook.com.evil.net/watch/?v=1195289147628387",
        "https://notfacebook.com/watch/?v=1195289147628387",
        "https://x.com.evil.io/NASA/status/1765432109876543210",
        "https://notx.com/NASA/status/1765432109876543210",
        "https://twitter.com.evil.io/NASA/status/1765432109876543210",
        "https://evil.io/x.com/NASA/status/1765432109876543210",
        "https://www.linkedin.com.evil.net/posts/a-activity-7151241570371948544-4Gu7",
        "https://notlinkedin.com/feed/update/urn:li:activity:7016901149999955968",
        "https://youtubekids.com.evil.example/watch?v=3b8nCWDgZ6Q",
        "https://evilyoutubekids.com/watch?v=3b8nCWDgZ6Q",
        "https://www.youtube.com.evil.example/clip/UgytZKpehg-hEMBSn3F4AaABCQ",
        "https://www.tiktokv.com.evil.example/share/video/7668090902816017671/",
        "https://eviltiktokv.com/share/video/7668090902816017671/",
        "https://zh-hk.facebook.com.evil.example/peoplespower/videos/1135894589806027/",
        "https://evilfacebook.com/maxlayn/posts/10153807558977570",
        "https://www.facebook.com.evil.example/story.php?story_fbid=1035862816472149&id=116132035111903",
    ];

    public static TheoryData<string, string> NotPosts() => new()
    {
        { "youtube", "https://www.youtube.com/watch?v=tooShort" },
        { "youtube", "https://www.youtube.com/feed/trending" },
        { "tiktok", "https://www.tiktok.com/@scout2015" },
        { "instagram", "https://www.instagram.com/natgeo/" },
        { "facebook", "https://www.facebook.com/gov.sg/" },
        { "twitter", "https://x.com/NASA" },
        { "twitter", "https://x.com/NASA/status/notanumber" },
        { "linkedin", "https://www.linkedin.com/in/someone/" },
        { "youtube", "https://www.youtube.com/embed/live_stream" },
        { "youtube", "https://www.youtube.com/embed/live_stream?autoplay=1" },
        { "youtube", "https://www.youtube.com/clip/" },
        { "facebook", "https://www.facebook.com/groups/1645456212344334/" },
        { "facebook", "https://www.facebook.com/maxlayn/posts/" },
        { "facebook", "https://www.facebook.com/ads/library/?active_status=all" },
        { "facebook", "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fevil.example%2Fclip.mp4" },
        { "facebook", "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com.evil.example%2Fx%2Fvideos%2F1234567%2F" },
        { "twitter", "https://x.com/i/broadcasts/" },
        { "linkedin", "https://www.linkedin.com/events/" },
    };

    public static TheoryData<string, string> ShareLinks() => new()
    {
        { "facebook", "https://www.facebook.com/share/v/1AbCdEfGhJ/" },
        { "facebook", "https://m.facebook.com/share/r/15AbCdEfGh/?mibextid=abc" },
        { "facebook", "https://fb.watch/aBcDeF1234/" },
        { "tiktok", "https://vm.tiktok.com/ZMabc1234/" },
        { "tiktok", "https://vt.tiktok.com/ZSabc1234/" },
        { "tiktok", "https://www.tiktok.com/t/ZTRC5xgJp/" },
        { "instagram", "https://www.instagram.com/share/reel/BAbc123XyZ/" },
        { "twitter", "https://t.co/AbCdEf1234" },
        { "linkedin", "https://lnkd.in/eAbCdEf" },
    };

    [Theory]
    [MemberData(nameof(Plugins))]
    public void Each_manifest_is_valid_and_the_plugin_loads(string id)
    {
        var read = ManifestReader.Read(SixPlugins.Folder(id));
        Assert.True(read.IsValid, string.Join("\n", read.Errors));

        var plugin = SixPlugins.Instance.Find(id)!;
        Assert.Equal(PluginStatus.Active, plugin.Status);
        Assert.Equal(id, plugin.Id);
        Assert.Equal(PluginKind.Script, plugin.Manifest!.Kind);
    }

    [Theory]
    [MemberData(nameof(RealLinks))]
    public void A_real_link_form_routes_to_its_plugin_with_the_post_id(string id, string link, string postId)
    {
        var route = Router.Route(link);

        var best = Assert.Single(route.Candidates);
        Assert.Equal(id, best.Plugin.Id);
        Assert.False(best.NeedsRedirectResolution);
        Assert.Equal(postId, best.Match["id"]);
    }

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void A_look_alike_host_reaches_none_of_the_plugins(string link)
    {
        var route = Router.Route(link);

        Assert.Empty(route.Candidates);
        // and not by the patterns alone either, should a router ever hand them a foreign host
        foreach (var plugin in SixPlugins.Instance.Plugins)
        {
            Assert.DoesNotContain(plugin.Patterns, p => p.IsMatch(link));
        }
    }

    [Theory]
    [InlineData("https://www.youtube.com/playlist?list=PL1234567890", "PL1234567890", null)]
    [InlineData("https://m.youtube.com/playlist?list=PLxyz_-12&si=abc", "PLxyz_-12", null)]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL1234567890&index=3", "PL1234567890", "dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/watch?list=PL1234567890&v=dQw4w9WgXcQ", "PL1234567890", "dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/@veritasium", "@veritasium", null)]
    [InlineData("https://www.youtube.com/@veritasium/videos", "@veritasium", null)]
    [InlineData("https://www.youtube.com/channel/UCHnyfMqiRRG1u-2MsSQLbXA", "channel/UCHnyfMqiRRG1u-2MsSQLbXA", null)]
    public void A_playlist_or_channel_is_claimed_as_a_playlist(string link, string playlist, string? video)
    {
        var route = Router.Route(link);

        var candidate = route.Candidates[0];
        Assert.Equal("youtube", candidate.Plugin.Id);
        Assert.Equal(playlist, candidate.Match["playlist"]);
        Assert.Equal(video, candidate.Match.GetValueOrDefault("id"));
    }

    [Theory]
    [MemberData(nameof(NotPosts))]
    public void A_page_that_is_not_a_post_is_not_claimed(string id, string link)
    {
        var route = Router.Route(link);

        Assert.DoesNotContain(route.Candidates, c => c.Plugin.Id == id);
    }

    [Theory]
    [MemberData(nameof(ShareLinks))]
    public void A_share_link_is_left_to_the_host_to_resolve(string id, string link)
    {
        var route = Router.Route(link);

        var candidate = Assert.Single(route.Candidates);
        Assert.Equal(id, candidate.Plugin.Id);
        Assert.True(candidate.NeedsRedirectResolution);
    }

    [Theory]
    [MemberData(nameof(Plugins))]
    public async Task Every_manifest_test_delegates_its_canonical_url_in_the_sandbox(string id)
    {
        var plugin = SixPlugins.Instance.Find(id)!;
        Assert.True(plugin.Manifest!.Tests.Count >= 5, "each plugin documents its link forms as manifest tests");

        // Every test that hands over to yt-dlp (TikTok's photo posts are read by the plugin itself, tested from fixtures).
        foreach (var test in plugin.Manifest.Tests.Where(t => t.Expect.ContainsKey("delegate")))
        {
            var expected = test.Expect["delegate"].GetString()!;
            var request = await ExtractAsync(plugin, test.Url);

            Assert.True(expected == request.Url.AbsoluteUri, $"{id}: {test.Name}: expected {expected}, got {request.Url.AbsoluteUri}");

            // The canonical URL is itself a link form of the same plugin, with the same id: delegating is idempotent.
            var again = Assert.Single(Router.Route(expected).Candidates);
            Assert.Equal(id, again.Plugin.Id);
            Assert.Equal(Router.Route(test.Url).Candidates[0].Match["id"], again.Match["id"]);
        }
    }

    [Theory]
    [MemberData(nameof(PageLinks))]
    public async Task A_page_clip_or_broadcast_link_goes_to_yt_dlp_in_its_own_canonical_form(string link, string expected)
    {
        var plugin = Assert.Single(Router.Route(link).Candidates).Plugin;

        var request = await ExtractAsync(plugin, link);

        Assert.Equal(expected, request.Url.AbsoluteUri);
        // The canonical form routes to the same plugin again: delegating it is idempotent.
        Assert.Same(plugin, Assert.Single(Router.Route(expected).Candidates).Plugin);
    }

    [Fact]
    public async Task YouTube_passes_no_player_client_by_default_so_yt_dlp_chooses()
    {
        var plugin = SixPlugins.Instance.Find("youtube")!;

        var byDefault = await ExtractAsync(plugin, "https://youtu.be/dQw4w9WgXcQ");

        Assert.Empty(byDefault.ExtractorArgs);
        Assert.Equal("", plugin.Manifest!.Settings["playerClients"].GetString());
        Assert.DoesNotContain("tv_embedded", File.ReadAllText(Path.Combine(plugin.Directory, "extractor.js")));
    }

    [Fact]
    public async Task YouTube_hands_yt_dlp_the_player_clients_an_operator_pins()
    {
        var plugin = SixPlugins.Instance.Find("youtube")!;

        var overridden = await ExtractAsync(plugin, "https://youtu.be/dQw4w9WgXcQ", new Dictionary<string, string>
        {
            ["playerClients"] = " web_safari , ios,web_safari,bad;name=x, ",
        });

        Assert.Equal(["web_safari", "ios"], overridden.ExtractorArgs["youtube"]["player_client"]);
        Assert.Equal(["youtube"], overridden.ExtractorArgs.Keys);
    }

    [Fact]
    public async Task YouTube_hands_yt_dlp_the_bgutil_po_token_provider_as_its_extractor_argument()
    {
        var plugin = SixPlugins.Instance.Find("youtube")!;

        var withProvider = await ExtractAsync(plugin, "https://youtu.be/dQw4w9WgXcQ", new Dictionary<string, string>
        {
            ["poTokenProvider"] = " http://bgutil-provider:4416/ ",
        });
        var both = await ExtractAsync(plugin, "https://youtu.be/dQw4w9WgXcQ", new Dictionary<string, string>
        {
            ["poTokenProvider"] = "http://127.0.0.1:4416",
            ["playerClients"] = "web_safari",
        });

        Assert.Equal(["youtubepot-bgutilhttp"], withProvider.ExtractorArgs.Keys);
        Assert.Equal(["http://bgutil-provider:4416"], withProvider.ExtractorArgs["youtubepot-bgutilhttp"]["base_url"]);
        Assert.Equal(
            ["youtube:player_client=web_safari", "youtubepot-bgutilhttp:base_url=http://127.0.0.1:4416"],
            YtDlpArguments.ExtractorArgs(both));
    }

    [Theory]
    [InlineData("127.0.0.1:4416")]
    [InlineData("http://127.0.0.1:4416/a,b")]
    [InlineData("http://127.0.0.1:4416;exec=x")]
    [InlineData("file:///etc/passwd")]
    public async Task YouTube_ignores_a_po_token_provider_that_is_not_a_plain_http_url(string value)
    {
        var plugin = SixPlugins.Instance.Find("youtube")!;

        var request = await ExtractAsync(plugin, "https://youtu.be/dQw4w9WgXcQ", new Dictionary<string, string> { ["poTokenProvider"] = value });

        Assert.Empty(request.ExtractorArgs);
    }

    [Fact]
    public async Task The_delegating_scripts_never_ask_for_the_generic_extractor()
    {
        foreach (var plugin in SixPlugins.Instance.Plugins)
        {
            var request = await ExtractAsync(plugin, plugin.Manifest!.Tests[0].Url);
            Assert.False(request.AllowGenericExtractor, plugin.Id);
        }
    }

    private static async Task<YtDlpRequest> ExtractAsync(PluginHandle plugin, string link, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var route = Router.Route(link);
        var candidate = Assert.Single(route.Candidates);
        Assert.Same(plugin, candidate.Plugin);

        var options = new PluginsOptions();
        if (overrides is not null)
        {
            options.Settings[plugin.Id] = new Dictionary<string, string>(overrides);
        }

        using var http = new HttpClient(new RefusingHandler());
        var context = new ExtractionContext(plugin.Id, http, NullLogger.Instance, ExtractionContext.EffectiveSettings(plugin.Manifest!, options));
        var result = await plugin.Extractor!.ExtractAsync(new ExtractionRequest(candidate.Url!, link, candidate.Match), context, CancellationToken.None);

        Assert.Null(result.Post);
        return Assert.IsType<YtDlpRequest>(result.YtDlp);
    }

    /// <summary>Delegation needs no request; any attempt fails the test loudly instead of reaching a network.</summary>
    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"a delegating plugin fetched {request.RequestUri}");
    }
}
