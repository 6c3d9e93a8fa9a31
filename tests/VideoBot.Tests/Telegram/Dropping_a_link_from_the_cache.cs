using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

public sealed class Dropping_a_link_from_the_cache : IAsyncLifetime
{
    private BotHarness _bot = null!;

    // The fake Bot API numbers its users from 100000001: the first one added is the operator.
    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(new Dictionary<string, string?> { ["Telegram:AdminIds:0"] = "100000001" });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Uncache_makes_the_next_request_fetch_the_link_again()
    {
        var admin = _bot.Telegram.AddUser("Op");
        var url = _bot.Site.AddPage("refresh", "Refresh");
        _bot.Say(admin, url);
        var first = await _bot.ReplyAsync(admin, m => m.Kind == "video");
        await _bot.IdleAsync();
        _bot.Say(admin, url);
        await _bot.ReplyAsync(admin, m => m.Kind == "video" && m.MessageId != first.MessageId);
        await _bot.IdleAsync();
        Assert.Equal(1, _bot.Site.RequestsFor("/watch/refresh"));

        // A tracking parameter is normalized away, as for any link the router sees.
        _bot.Say(admin, "/uncache " + url + "?utm_source=x");
        var answer = await _bot.ReplyAsync(admin, m => m.Text?.StartsWith("Dropped", StringComparison.Ordinal) == true);
        _bot.Say(admin, url);
        await _bot.Telegram.WaitForAsync(() => _bot.Telegram.Messages(admin.Id).Count(m => m.Kind == "video") == 3 ? "third" : null, TimeSpan.FromSeconds(30), "a third video");
        await _bot.IdleAsync();

        Assert.Equal($"Dropped {url} from the cache: the next request fetches it again.", answer.Text);
        Assert.Equal(2, _bot.Site.RequestsFor("/watch/refresh"));
        Assert.Equal(2, _bot.Telegram.Requests.Count(Sharing_one_download.IsUpload));
    }

    [Fact]
    public async Task Uncache_is_for_operators_and_needs_a_link()
    {
        var admin = _bot.Telegram.AddUser("Op");
        var user = _bot.Telegram.AddUser("Ana", languageCode: "ro");

        _bot.Say(user, "/uncache https://example.com/v/1");
        _bot.Say(admin, "/uncache");
        var refused = await _bot.ReplyAsync(user, m => m.Kind == "text");
        var usage = await _bot.ReplyAsync(admin, m => m.Kind == "text");

        Assert.Equal("Această comandă este pentru operatorii botului.", refused.Text);
        Assert.Equal("Send /uncache followed by a link, to drop that link from the cache.", usage.Text);
    }
}
