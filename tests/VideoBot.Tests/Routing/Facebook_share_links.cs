using System.Text.Json;
using VideoBot.Host.Network;
using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Manifests;
using VideoBot.Host.PluginTesting;

namespace VideoBot.Tests.Routing;

/// <summary>
/// Facebook's share links (<c>share/v/</c>, <c>share/r/</c>, <c>share/p/</c>, <c>fb.watch</c>) resolved by the host's real
/// resolver over recorded redirects: they may land on any form yt-dlp's Facebook extractor reads, and only there.
/// </summary>
public sealed class Facebook_share_links
{
    private static PluginHandle Facebook => SixPlugins.Instance.Find("facebook")!;

    public static TheoryData<string, string, string> Landings() => new()
    {
        { "https://www.facebook.com/share/v/1AbCdEfGhJ/", "https://www.facebook.com/watch/?v=1195289147628387&rdid=Xy1", "https://www.facebook.com/watch/?v=1195289147628387" },
        { "https://www.facebook.com/share/r/15AbCdEfGh/", "https://m.facebook.com/reel/1195289147628387/?mibextid=rS40aB7S9Ucbxw6v", "https://www.facebook.com/reel/1195289147628387" },
        { "https://fb.watch/aBcDeF1234/", "https://www.facebook.com/100033620354545/videos/106560053808006/", "https://www.facebook.com/watch/?v=106560053808006" },
        { "https://www.facebook.com/share/v/1Posts2345/", "https://www.facebook.com/maxlayn/posts/10153807558977570/?rdid=Ab1", "https://www.facebook.com/maxlayn/posts/10153807558977570/" },
        { "https://www.facebook.com/share/p/1Pfbid2345/", "https://www.facebook.com/attn/posts/pfbid0j1Czf2gGDVqeQ8KiMLFm3pWN8GxsQmeRrVhimWDzMuKQoR8r4b1knNsejELmUgyhl?mibextid=wwXIfr", "https://www.facebook.com/attn/posts/pfbid0j1Czf2gGDVqeQ8KiMLFm3pWN8GxsQmeRrVhimWDzMuKQoR8r4b1knNsejELmUgyhl" },
        { "https://www.facebook.com/share/v/1Story2345/", "https://m.facebook.com/story.php?story_fbid=pfbid0Fnzhm8UuzjBYpPMNFzaSpFE9UmLdU4fJN8qTANi1Dmtj5q7DNrL5NERXfsAzDEV7l&id=100073071055552&mibextid=Nif5oz", "https://www.facebook.com/story.php?story_fbid=pfbid0Fnzhm8UuzjBYpPMNFzaSpFE9UmLdU4fJN8qTANi1Dmtj5q7DNrL5NERXfsAzDEV7l&id=100073071055552" },
        { "https://www.facebook.com/share/v/1Perma2345/", "https://www.facebook.com/permalink.php?story_fbid=pfbid0fqQuVEQyXRa9Dp4RcaTR14KHU3uULHV1EK7eckNXSH63JMuoALsAvVCJ97zAGitil&id=100068861234290", "https://www.facebook.com/permalink.php?story_fbid=pfbid0fqQuVEQyXRa9Dp4RcaTR14KHU3uULHV1EK7eckNXSH63JMuoALsAvVCJ97zAGitil&id=100068861234290" },
        { "https://www.facebook.com/share/v/1Group2345/", "https://www.facebook.com/groups/1645456212344334/posts/3737828833107051/?rdid=Q2", "https://www.facebook.com/groups/1645456212344334/posts/3737828833107051/" },
        { "https://www.facebook.com/share/r/1Group6789/", "https://web.facebook.com/groups/ateistiskselskab/permalink/10154930137678856/", "https://www.facebook.com/groups/ateistiskselskab/permalink/10154930137678856/" },
        { "https://fb.watch/pLuGiN1234/", "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fgov.sg%2Fvideos%2F10154383743583686%2F&show_text=0", "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fgov.sg%2Fvideos%2F10154383743583686%2F" },
    };

    public static TheoryData<string> Refusals() =>
    [
        "https://www.facebook.com/gov.sg/",
        "https://www.facebook.com/login/?next=https%3A%2F%2Fwww.facebook.com%2Fshare%2Fv%2F1Refused12%2F",
        "https://www.facebook.com.evil.example/maxlayn/posts/10153807558977570",
        "https://evil.example/watch/?v=1195289147628387",
        "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fevil.example%2Fclip.mp4",
        "http://127.0.0.1/story.php?story_fbid=1035862816472149&id=116132035111903",
    ];

    [Theory]
    [MemberData(nameof(Landings))]
    public async Task A_share_link_lands_on_the_form_it_redirects_to_and_yt_dlp_gets_that_form(string shareLink, string target, string delegated)
    {
        using var http = Replay(new() { [shareLink] = target });

        var resolved = await ShortLinkResolver.ResolveAsync(new Uri(shareLink), Facebook, http, CancellationToken.None);
        var result = await Facebook.Extractor!.ExtractAsync(
            new ExtractionRequest(resolved.Url, shareLink, resolved.Match), new VideoBot.Tests.Plugins.TestExtractionContext("facebook", http), CancellationToken.None);

        Assert.Equal(delegated, result.YtDlp!.Url.AbsoluteUri);
    }

    [Fact]
    public async Task A_share_link_that_leads_to_another_share_link_is_followed_to_the_post()
    {
        using var http = Replay(new()
        {
            ["https://fb.watch/aBcDeF1234/"] = "https://www.facebook.com/share/v/1AbCdEfGhJ/",
            ["https://www.facebook.com/share/v/1AbCdEfGhJ/"] = "https://www.facebook.com/groups/164828000315060/permalink/764967300301124/",
        });

        var resolved = await ShortLinkResolver.ResolveAsync(new Uri("https://fb.watch/aBcDeF1234/"), Facebook, http, CancellationToken.None);

        Assert.Equal("764967300301124", resolved.Match["post"]);
        Assert.Equal("groups", resolved.Match["form"]);
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_share_link_that_lands_on_a_page_that_is_no_post_or_off_facebook_is_refused(string target)
    {
        // A Facebook page that is not a post answers with itself (no redirect), as a page or a login wall does.
        using var http = Replay(new() { ["https://www.facebook.com/share/v/1Refused12/"] = target }, page: target);

        var failure = await Assert.ThrowsAsync<ExtractionException>(
            () => ShortLinkResolver.ResolveAsync(new Uri("https://www.facebook.com/share/v/1Refused12/"), Facebook, http, CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.UnsupportedUrl, failure.Kind);
    }

    /// <summary>
    /// Each share link answers with a redirect to its target, and <paramref name="page"/> (when given) with an HTML page;
    /// anything else is a missing fixture, so a request the resolver should not make fails the test.
    /// </summary>
    private static HttpClient Replay(Dictionary<string, string> redirects, string? page = null)
    {
        var fixtures = redirects.ToDictionary(
            r => r.Key,
            r => JsonSerializer.SerializeToElement(new { status = 301, headers = new Dictionary<string, string> { ["Location"] = r.Value }, body = "" }));
        if (page is not null)
        {
            fixtures[page] = JsonSerializer.SerializeToElement(new { status = 200, body = "<html><title>Facebook</title></html>" });
        }

        return new HttpClient(new FixtureReplayHandler(Facebook.Directory, fixtures, "shareLinkTest"));
    }
}
