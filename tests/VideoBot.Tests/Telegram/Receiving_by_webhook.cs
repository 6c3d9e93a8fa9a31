using System.Globalization;
using System.Net;
using System.Text;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

public sealed class Receiving_by_webhook : IAsyncLifetime
{
    private const string Secret = "s3cret-Webhook_token";
    private BotHarness _bot = null!;
    private Uri _hook = null!;

    public async Task InitializeAsync()
    {
        var port = BotHarness.FreePort();
        _hook = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/telegram/hook");
        _bot = await BotHarness.StartAsync(new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["Telegram:Mode"] = "webhook",
            ["Telegram:WebhookUrl"] = _hook.AbsoluteUri,
            ["Telegram:WebhookSecret"] = Secret,
        });
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static StringContent StartCommand(long userId) => new(
        $$$"""
        {"update_id": 900000001, "message": {"message_id": 77, "date": 1700000000,
          "chat": {"id": {{{userId}}}, "type": "private", "first_name": "Eve"},
          "from": {"id": {{{userId}}}, "is_bot": false, "first_name": "Eve"},
          "text": "/start", "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}
        """, Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_bot_sets_its_webhook_with_the_secret_and_answers_what_Telegram_posts()
    {
        var set = await _bot.Telegram.WaitForRequestAsync("setWebhook");
        Assert.Equal(_hook.AbsoluteUri, set.Parameters["url"]);
        Assert.Equal(Secret, set.Parameters["secret_token"]);
        Assert.Equal(_hook.AbsoluteUri, _bot.Telegram.WebhookUrl);

        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, _bot.Site.AddPage("hooked", "Hooked"));
        var video = await _bot.ReplyAsync(user, m => m.Kind == "video");

        Assert.Equal("Hooked\nFixture TV\nSource", video.Caption);
        Assert.DoesNotContain(_bot.Telegram.Requests, r => r.Method == "getUpdates");
    }

    [Fact]
    public async Task A_request_with_a_wrong_or_missing_secret_is_refused_and_processes_nothing()
    {
        var user = _bot.Telegram.AddUser("Eve");
        using var http = new HttpClient();

        using var wrong = new HttpRequestMessage(HttpMethod.Post, _hook) { Content = StartCommand(user.Id) };
        wrong.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret + "x");
        using var missing = new HttpRequestMessage(HttpMethod.Post, _hook) { Content = StartCommand(user.Id) };
        var wrongResponse = await http.SendAsync(wrong);
        var missingResponse = await http.SendAsync(missing);
        await Task.Delay(500);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missingResponse.StatusCode);
        Assert.DoesNotContain(_bot.Telegram.Requests, r => r.Method == "sendMessage");

        // The same update with the right secret is acknowledged and answered: the refusal above was the secret's doing.
        using var right = new HttpRequestMessage(HttpMethod.Post, _hook) { Content = StartCommand(user.Id) };
        right.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);
        var rightResponse = await http.SendAsync(right);
        var hello = await _bot.Telegram.WaitForRequestAsync("sendMessage");

        Assert.Equal(HttpStatusCode.OK, rightResponse.StatusCode);
        Assert.StartsWith("Hi Eve!", hello.Parameters["text"]);
    }
}
