namespace VideoBot.Tests.Platforms;

/// <summary>The URL forms users meet reach the right platform plugin with the right id; look-alike hosts and pages reach none.</summary>
public sealed class RoutingTests
{
    [Theory]
    [InlineData("https://streamable.com/moo", "streamable", "moo")]
    [InlineData("https://www.streamable.com/dnd1", "streamable", "dnd1")]
    [InlineData("https://streamable.com/e/dnd1", "streamable", "dnd1")]
    [InlineData("https://streamable.com/s/okkqk/drxjds", "streamable", "okkqk")]
    [InlineData("streamable.com/moo?autoplay=1", "streamable", "moo")]
    [InlineData("https://www.reddit.com/r/videos/comments/6rrwyj/that_small_heart_attack/", "reddit", "6rrwyj")]
    [InlineData("https://old.reddit.com/r/aww/comments/90bu6w/heat_index/?utm_source=share", "reddit", "90bu6w")]
    [InlineData("https://new.reddit.com/r/aww/comments/90bu6w", "reddit", "90bu6w")]
    [InlineData("https://m.reddit.com/r/aww/comments/90bu6w/heat_index/", "reddit", "90bu6w")]
    [InlineData("https://reddit.com/comments/124pp33", "reddit", "124pp33")]
    [InlineData("https://www.reddit.com/user/creepyt0es/comments/nip71r/i_plan_to_make/", "reddit", "nip71r")]
    [InlineData("https://www.reddit.com/gallery/1bq0xk2", "reddit", "1bq0xk2")]
    [InlineData("https://www.dailymotion.com/video/x5kesuj_office-christmas-party-review_news", "dailymotion", "x5kesuj")]
    [InlineData("https://dailymotion.com/video/x5kesuj", "dailymotion", "x5kesuj")]
    [InlineData("https://www.dailymotion.com/embed/video/x8u4owg", "dailymotion", "x8u4owg")]
    [InlineData("https://geo.dailymotion.com/player.html?video=x89eyek&mute=true", "dailymotion", "x89eyek")]
    [InlineData("https://geo.dailymotion.com/player/xmyye.html?video=x93blhi", "dailymotion", "x93blhi")]
    [InlineData("https://dai.ly/x5kesuj", "dailymotion", "x5kesuj")]
    [InlineData("https://clips.twitch.tv/FaintLightGullWholeWheat", "twitch", "FaintLightGullWholeWheat")]
    [InlineData("https://clips.twitch.tv/rflegendary/UninterestedBeeDAESuppy", "twitch", "UninterestedBeeDAESuppy")]
    [InlineData("https://clips.twitch.tv/embed?clip=InquisitiveBreakableYogurtJebaited&parent=example.com", "twitch", "InquisitiveBreakableYogurtJebaited")]
    [InlineData("https://www.twitch.tv/sergeynixon/clip/StormyThankfulSproutFutureMan", "twitch", "StormyThankfulSproutFutureMan")]
    [InlineData("https://m.twitch.tv/rossbroadcast/clip/ConfidentBraveHumanChefFrank-x8rF3mP2kLqZ_1bC", "twitch", "ConfidentBraveHumanChefFrank-x8rF3mP2kLqZ_1bC")]
    [InlineData("https://bsky.app/profile/bsky.app/post/3l3vgf77uco2g", "bluesky", "3l3vgf77uco2g")]
    [InlineData("https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3l3vgf77uco2g", "bluesky", "3l3vgf77uco2g")]
    [InlineData("https://t.me/europa_press/613", "telegram", "613")]
    [InlineData("https://t.me/s/europa_press/613", "telegram", "613")]
    [InlineData("https://telegram.me/vorposte/29342?single", "telegram", "29342")]
    [InlineData("https://www.threads.net/@natgeo/post/DBQ8kXJuJGr", "threads", "DBQ8kXJuJGr")]
    [InlineData("https://www.threads.com/@kitchen.notes/post/DCahQwFPdW9?xmt=AQGz", "threads", "DCahQwFPdW9")]
    [InlineData("https://threads.net/t/DBQ8kXJuJGr", "threads", "DBQ8kXJuJGr")]
    [InlineData("https://www.snapchat.com/spotlight/W7_EDlXWTBiXAEEniNoMPwAAYYWtidGhudGZpAX1TKn0JAX1TKnXJAAAAAA", "snapchat", "W7_EDlXWTBiXAEEniNoMPwAAYYWtidGhudGZpAX1TKn0JAX1TKnXJAAAAAA")]
    [InlineData("https://snapchat.com/@ganda0535/spotlight/W7_EDlXWTBiXAEEniNoMPwAAYcnVjYWdwcGV1AZEaIYn5AZEaIYnrAAAAAQ", "snapchat", "W7_EDlXWTBiXAEEniNoMPwAAYcnVjYWdwcGV1AZEaIYn5AZEaIYnrAAAAAQ")]
    [InlineData("https://www.pinterest.com/pin/664281013778109217/", "pinterest", "664281013778109217")]
    [InlineData("https://pinterest.com/pin/dive-into-serenity-blue-lagoon-pedi-nails--2885187256207927", "pinterest", "2885187256207927")]
    [InlineData("https://www.pinterest.co.uk/pin/441282463481903715/", "pinterest", "441282463481903715")]
    [InlineData("https://co.pinterest.com/pin/824721750502199491/", "pinterest", "824721750502199491")]
    [InlineData("https://www.pinterest.com.au/pin/824721750502199491/sent/?invite_code=abc&sender=123", "pinterest", "824721750502199491")]
    public void A_real_link_reaches_its_plugin_with_the_post_id(string url, string plugin, string id)
    {
        var route = PlatformPlugins.Router().Route(url);

        Assert.True(route.IsRouted, $"{url} is not routed: {route.Error}");
        var candidate = route.Candidates[0];
        Assert.Equal(plugin, candidate.Plugin.Id);
        Assert.False(candidate.NeedsRedirectResolution);
        Assert.Equal(id, candidate.Match["id"]);
    }

    [Theory]
    [InlineData("https://notstreamable.com/moo")]
    [InlineData("https://streamable.com.evil.net/moo")]
    [InlineData("https://streamable.com/login")]
    [InlineData("https://streamable.com/")]
    [InlineData("https://reddit.com.evil.net/r/videos/comments/6rrwyj/")]
    [InlineData("https://evilreddit.com/r/videos/comments/6rrwyj/")]
    [InlineData("https://www.reddit.com/r/videos/")]
    [InlineData("https://www.reddit.com/user/someone/")]
    [InlineData("https://evil.net/?u=https://www.reddit.com/comments/124pp33")]
    [InlineData("https://www.dailymotion.com/deadline")]
    [InlineData("https://www.dailymotion.com/playlist/xv4bw")]
    [InlineData("https://dailymotion.com.evil.net/video/x5kesuj")]
    [InlineData("https://www.twitch.tv/riotgames")]
    [InlineData("https://www.twitch.tv/videos/635475444")]
    [InlineData("https://clips.twitch.tv.evil.net/FaintLightGullWholeWheat")]
    [InlineData("https://bsky.app/profile/bsky.app")]
    [InlineData("https://bsky.app.evil.net/profile/bsky.app/post/3l3vgf77uco2g")]
    [InlineData("https://t.me/europa_press")]
    [InlineData("https://t.me/c/1173213245/613")]
    [InlineData("https://t.me/joinchat/AAAAAEkK8_example")]
    [InlineData("https://t.me.evil.net/europa_press/613")]
    [InlineData("https://www.threads.net/@natgeo")]
    [InlineData("https://threads.net.evil.net/@natgeo/post/DBQ8kXJuJGr")]
    [InlineData("https://www.snapchat.com/add/shreypatel57")]
    [InlineData("https://snapchat.com.evil.net/spotlight/W7_EDlXWTBiXAEEniNoMPwAAYYWtidGhudGZp")]
    [InlineData("https://www.pinterest.com/mashal0407/cool-diys/")]
    [InlineData("https://www.pinterest.com.evil.net/pin/664281013778109217/")]
    [InlineData("https://notpinterest.com/pin/664281013778109217/")]
    public void A_look_alike_host_or_a_page_that_is_not_a_post_reaches_no_platform_plugin(string url)
    {
        var route = PlatformPlugins.Router().Route(url);

        Assert.DoesNotContain(route.Candidates, c => !c.NeedsRedirectResolution);
    }

    [Theory]
    [InlineData("https://www.reddit.com/r/ContagiousLaughter/s/Xq3LmN8pQz", "reddit")]
    [InlineData("https://old.reddit.com/u/someone/s/Ab12Cd34Ef", "reddit")]
    [InlineData("https://redd.it/124pp33", "reddit")]
    [InlineData("https://v.redd.it/antsenjc2jqa1", "reddit")]
    [InlineData("https://pin.it/4DyLnpXr0", "pinterest")]
    [InlineData("https://t.snapchat.com/Ab3dE5gH", "snapchat")]
    public void A_share_or_short_link_is_left_for_the_host_to_resolve(string url, string plugin)
    {
        var route = PlatformPlugins.Router().Route(url);

        var candidate = Assert.Single(route.Candidates);
        Assert.Equal(plugin, candidate.Plugin.Id);
        Assert.True(candidate.NeedsRedirectResolution);
    }
}
