using System.Globalization;

namespace VideoBot.Tests.Routing;

/// <summary>
/// Every test link of yt-dlp's single-video extractors for the bot's platforms (the corpus written by
/// <c>scripts/routing-corpus.py</c>) goes through the real router over the repository's real plugins, generic included.
/// </summary>
public sealed class Routing_the_links_of_yt_dlps_own_tests(RepositoryPlugins plugins) : IClassFixture<RepositoryPlugins>
{
    /// <summary>The share of a platform's links that must reach its plugin (deliberate exclusions aside).</summary>
    private const double Required = 0.98;

    private static readonly string[] Platforms =
        ["bluesky", "dailymotion", "facebook", "instagram", "linkedin", "pinterest", "reddit", "snapchat", "streamable", "telegram",
         "tiktok", "twitch", "twitter", "vimeo", "youtube"];

    [Fact]
    public void Every_platform_routes_at_least_98_percent_of_its_links_to_its_own_plugin()
    {
        var excluded = YtDlpCorpus.Exclusions().Select(e => e.Url).ToHashSet(StringComparer.Ordinal);
        var router = plugins.Router;
        var report = new List<string>();
        var below = new List<string>();

        foreach (var platform in YtDlpCorpus.Links().Where(l => !excluded.Contains(l.Url)).GroupBy(l => l.Platform))
        {
            var failures = new List<string>();
            foreach (var link in platform)
            {
                var route = router.Route(link.Url);
                var reached = route.Candidates.Count > 0 ? route.Candidates[0].Plugin.Id : "nothing";
                if (reached != platform.Key)
                {
                    failures.Add($"  {link.Url} ({link.Extractor}) -> {reached}");
                }
            }

            var total = platform.Count();
            var rate = (double)(total - failures.Count) / total;
            report.Add(string.Create(CultureInfo.InvariantCulture, $"{platform.Key}: {total - failures.Count}/{total} ({rate:P1})"));
            report.AddRange(failures);
            if (rate < Required)
            {
                below.Add(platform.Key);
            }
        }

        Assert.True(below.Count == 0, $"below {Required:P0}: {string.Join(", ", below)}\n{string.Join('\n', report)}");
    }

    [Fact]
    public void Every_link_left_to_generic_is_in_the_corpus_has_a_reason_and_reaches_no_platform_plugin()
    {
        var corpus = YtDlpCorpus.Links().ToDictionary(l => l.Url, StringComparer.Ordinal);
        var router = plugins.Router;
        var wrong = new List<string>();

        foreach (var exclusion in YtDlpCorpus.Exclusions())
        {
            if (!corpus.TryGetValue(exclusion.Url, out var link))
            {
                wrong.Add($"{exclusion.Url}: not in the corpus any more; drop it from the exclusions");
                continue;
            }

            var route = router.Route(link.Url);
            if (route.Candidates.FirstOrDefault(c => !c.Plugin.IsGenericFallback) is { } claimed)
            {
                wrong.Add($"{exclusion.Url}: excluded ({exclusion.Reason}) but {claimed.Plugin.Id} claims it; drop it from the exclusions");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        Assert.All(YtDlpCorpus.Exclusions(), e => Assert.True(e.Reason.Length >= 10, $"{e.Url} needs a reason"));
    }

    /// <summary>Look-alikes of the hosts this corpus made the plugins claim: none reaches a platform plugin.</summary>
    [Theory]
    [InlineData("https://youtubekids.com.evil.example/watch?v=3b8nCWDgZ6Q")]
    [InlineData("https://evilyoutubekids.com/watch?v=3b8nCWDgZ6Q")]
    [InlineData("https://www.tiktokv.com.evil.example/share/video/7668090902816017671/")]
    [InlineData("https://eviltiktokv.com/share/video/7668090902816017671/")]
    [InlineData("https://zh-hk.facebook.com.evil.example/peoplespower/videos/1135894589806027/")]
    [InlineData("https://www.redditmedia.com.evil.example/r/serbia/comments/pu9wbx/x/")]
    [InlineData("https://evilredditmedia.com/r/serbia/comments/pu9wbx/x/")]
    [InlineData("https://main.bsky.dev.evil.example/profile/souris.moe/post/3l4qhp7bcs52c")]
    [InlineData("https://evilmain.bsky.dev/profile/souris.moe/post/3l4qhp7bcs52c")]
    [InlineData("https://vimeopro.com.evil.example/openstreetmapus/state-of-the-map-us-2013/video/68093876")]
    [InlineData("https://evilvimeopro.com/openstreetmapus/state-of-the-map-us-2013/video/68093876")]
    [InlineData("https://m.twitch.tv.evil.example/clip/FaintLightGullWholeWheat")]
    public void A_look_alike_of_a_host_added_for_the_corpus_reaches_no_platform_plugin(string link)
    {
        var route = plugins.Router.Route(link);

        Assert.All(route.Candidates, c => Assert.True(c.Plugin.IsGenericFallback, $"{c.Plugin.Id} claims {link}"));
    }

    [Fact]
    public void The_corpus_names_its_yt_dlp_and_holds_links_for_every_platform_yt_dlp_knows()
    {
        Assert.Matches(@"^# yt-dlp \d{4}\.\d{2}\.\d{2}", YtDlpCorpus.Header);
        Assert.Equal(Platforms, YtDlpCorpus.Links().Select(l => l.Platform).Distinct().Order(StringComparer.Ordinal));
        Assert.All(YtDlpCorpus.Links(), l => Assert.EndsWith("IE", l.Extractor, StringComparison.Ordinal));
    }
}
