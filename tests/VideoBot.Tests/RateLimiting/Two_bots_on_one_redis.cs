using VideoBot.Tests.Support;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.RateLimiting;

/// <summary>
/// Two whole bots configured with <c>Cache:Redis</c> on one real redis-server: a user's links count once against one bucket,
/// whichever instance gets them. (Each bot has its own fake Bot API; both fakes number their users alike, so "the same user"
/// writes to both.)
/// </summary>
public sealed class Two_bots_on_one_redis : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private BotHarness _first = null!;
    private BotHarness _second = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Cache:Redis"] = _redis.ConnectionString,
            ["RateLimits:UserBurst"] = "1",
            ["RateLimits:UserPeriodSeconds"] = "3600",
        };
        _first = await BotHarness.StartAsync(settings);
        // Both fakes stand for one bot's Telegram, whose update ids are unique: on the shared job store a reused id is a
        // redelivery of the same update, and is rightly dropped.
        _second = await BotHarness.StartAsync(settings, firstUpdateId: 200_000_001);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_user_served_by_one_instance_is_over_the_limit_on_the_other()
    {
        var onFirst = _first.Telegram.AddUser("Ana");
        var onSecond = _second.Telegram.AddUser("Ana");
        Assert.Equal(onFirst.Id, onSecond.Id);

        _first.Say(onFirst, _first.Site.AddPage("one", "One"));
        await _first.ReplyAsync(onFirst, m => m.Kind == "video");
        _second.Say(onSecond, _second.Site.AddPage("two", "Two"));
        var reply = await _second.ReplyAsync(onSecond, m => m.Kind == "text");

        Assert.Matches(@"^You're sending links faster than I can take them\.\nTry again in (59|60) min\.$", reply.Text);
        Assert.Equal(0, _second.Site.RequestsFor("/watch/two"));
        var other = _second.Telegram.AddUser("Ion");
        _second.Say(other, _second.Site.AddPage("three", "Three"));
        await _second.ReplyAsync(other, m => m.Kind == "video");
    }
}
