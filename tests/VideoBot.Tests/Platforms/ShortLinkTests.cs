using System.Text.Json;
using VideoBot.Host.Network;
using VideoBot.Host.Routing;
using VideoBot.Sdk.Extraction;
using VideoBot.Host.PluginTesting;

namespace VideoBot.Tests.Platforms;

/// <summary>
/// Short and share links of the platform plugins, resolved by the host's real resolver over recorded redirects: each lands on
/// the post the plugin's patterns name, and one that leads off the platform is refused.
/// </summary>
public sealed class ShortLinkTests
{
    [Theory]
    [InlineData("reddit", "https://www.reddit.com/r/ContagiousLaughter/s/Xq3LmN8pQz",
        "https://www.reddit.com/r/ContagiousLaughter/comments/124pp33/harmless_prank_of_some_old_friends/?share_id=Ab1Cd2Ef3Gh4&utm_medium=android_app&utm_source=share", "124pp33")]
    [InlineData("reddit", "https://redd.it/124pp33", "https://www.reddit.com/comments/124pp33", "124pp33")]
    [InlineData("reddit", "https://v.redd.it/antsenjc2jqa1", "https://www.reddit.com/r/ContagiousLaughter/comments/124pp33/harmless_prank_of_some_old_friends/", "124pp33")]
    [InlineData("snapchat", "https://t.snapchat.com/Ab3dE5gH", "https://www.snapchat.com/spotlight/W7_EDlXWTBiXAEEniNoMPwAAYYWtidGhudGZpAX1TKn0JAX1TKnXJAAAAAA?share_id=Zm9v&locale=en-US", "W7_EDlXWTBiXAEEniNoMPwAAYYWtidGhudGZpAX1TKn0JAX1TKnXJAAAAAA")]
    [InlineData("snapchat", "https://www.snapchat.com/t/Xk9pQ2rT", "https://www.snapchat.com/spotlight/W7_EDlXWTBiXAEEniNoMPwAAYYWtidGhudGZpAX1TKn0JAX1TKnXJAAAAAA?share_id=Zm9v&locale=en-US", "W7_EDlXWTBiXAEEniNoMPwAAYYWtidGhudGZpAX1TKn0JAX1TKnXJAAAAAA")]
    public async Task A_short_link_lands_on_the_post_it_names(string plugin, string shortUrl, string target, string id)
    {
        using var http = Replay(plugin, new() { [shortUrl] = Redirect(target) });

        var resolved = await ShortLinkResolver.ResolveAsync(new Uri(shortUrl), PlatformPlugins.Handle(plugin), http, CancellationToken.None);

        Assert.Equal(id, resolved.Match["id"]);
    }

    [Fact]
    public async Task A_pin_it_link_is_followed_through_the_url_shortener_to_the_pin()
    {
        using var http = Replay("pinterest", new()
        {
            ["https://pin.it/4DyLnpXr0"] = Redirect("https://api.pinterest.com/url_shortener/4DyLnpXr0/redirect/"),
            ["https://api.pinterest.com/url_shortener/4DyLnpXr0/redirect/"] = Redirect("https://www.pinterest.com/pin/664281013778109217/sent/?invite_code=1a2b3c&sender=664281151191830542&sfo=1"),
        });

        var resolved = await ShortLinkResolver.ResolveAsync(new Uri("https://pin.it/4DyLnpXr0"), PlatformPlugins.Handle("pinterest"), http, CancellationToken.None);

        Assert.Equal("664281013778109217", resolved.Match["id"]);
    }

    [Fact]
    public async Task A_short_link_that_leads_off_the_platform_is_refused()
    {
        using var http = Replay("reddit", new() { ["https://redd.it/124pp33"] = Redirect("https://www.reddit.com.evil.net/r/x/comments/124pp33/") });

        var failure = await Assert.ThrowsAsync<ExtractionException>(
            () => ShortLinkResolver.ResolveAsync(new Uri("https://redd.it/124pp33"), PlatformPlugins.Handle("reddit"), http, CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.UnsupportedUrl, failure.Kind);
    }

    [Theory]
    [InlineData("https://snapchat.com/t/Xk9pQ2rT")]
    [InlineData("https://www.snapchat.com/t/Xk9pQ2rT/")]
    public void A_snapchat_share_link_on_the_main_host_is_left_to_the_resolver(string link)
    {
        var candidate = Assert.Single(PlatformPlugins.Router().Route(link).Candidates);

        Assert.Equal("snapchat", candidate.Plugin.Id);
        Assert.True(candidate.NeedsRedirectResolution);
    }

    [Fact]
    public async Task A_snapchat_share_link_followed_through_t_snapchat_com_reaches_the_spotlight()
    {
        using var http = Replay("snapchat", new()
        {
            ["https://www.snapchat.com/t/Xk9pQ2rT"] = Redirect("https://t.snapchat.com/Xk9pQ2rT"),
            ["https://t.snapchat.com/Xk9pQ2rT"] = Redirect("https://www.snapchat.com/spotlight/W7_EDlXWTBiXAEEniNoMPwAAYYWtidGhudGZpAX1TKn0JAX1TKnXJAAAAAA?share_id=Zm9v"),
        });

        var resolved = await ShortLinkResolver.ResolveAsync(new Uri("https://www.snapchat.com/t/Xk9pQ2rT"), PlatformPlugins.Handle("snapchat"), http, CancellationToken.None);

        Assert.Equal("W7_EDlXWTBiXAEEniNoMPwAAYYWtidGhudGZpAX1TKn0JAX1TKnXJAAAAAA", resolved.Match["id"]);
    }

    private static string Redirect(string location) =>
        JsonSerializer.Serialize(new { status = 301, headers = new Dictionary<string, string> { ["Location"] = location }, body = "" });

    private static HttpClient Replay(string plugin, Dictionary<string, string> fixtures)
    {
        var parsed = fixtures.ToDictionary(f => f.Key, f => JsonDocument.Parse(f.Value).RootElement.Clone());
        return new HttpClient(new FixtureReplayHandler(PlatformPlugins.Folder(plugin), parsed, "shortLinkTest"));
    }
}
