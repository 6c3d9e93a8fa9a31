using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.Resilience;

/// <summary>The circuit breaker through the whole bot: a failing site, then a user told it is having trouble, without a request.</summary>
public sealed class Telling_users_a_platform_is_down : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Resilience:MaxRetries"] = "1",
        ["Resilience:RetryBaseDelayMs"] = "1",
        ["Resilience:MinimumThroughput"] = "2",
        ["Resilience:FailureRatio"] = "0.5",
        ["Resilience:BreakSeconds"] = "3600",
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<string> FinalTextAsync(string link)
    {
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, link);
        var status = await _bot.ReplyAsync(user, m => m.Kind == "text" && m.Text != "Extracting…");
        await _bot.IdleAsync();
        return _bot.Telegram.Messages(user.Id).Single(m => m.MessageId == status.MessageId).Text!;
    }

    [Fact]
    public async Task A_failing_platform_is_retried_then_its_circuit_opens_and_users_are_told_without_a_request()
    {
        var network = "I couldn't reach the site (it timed out or failed).\nTry again in a minute.";
        Assert.Equal(network, await FinalTextAsync(_bot.Site.Site.Url("/broken/1").AbsoluteUri));
        Assert.Equal(2, _bot.Site.RequestsFor("/broken/1"));
        Assert.Equal(network, await FinalTextAsync(_bot.Site.Site.Url("/broken/2").AbsoluteUri));

        var refused = await FinalTextAsync(_bot.Site.Site.Url("/broken/3").AbsoluteUri);

        Assert.Equal("127.0.0.1 is having trouble right now, so I'm not trying it for a moment.\nTry again in 60 min.", refused);
        Assert.Equal(0, _bot.Site.RequestsFor("/broken/3"));
    }
}
