using System.Text.Json.Nodes;
using VideoBot.FakeTelegram.State;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

/// <summary>
/// The status message carries a Cancel button (<c>x:JOBID</c>) for the user who sent the link, and the chat shows what is being
/// uploaded (sendChatAction) while the upload runs.
/// </summary>
public sealed class Cancelling_from_the_status_message : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task The_cancel_button_stops_the_download_for_its_user_and_no_one_else()
    {
        _bot.Site.SlowChunkDelay = TimeSpan.FromMilliseconds(500);
        var ana = _bot.Telegram.AddUser("Ana");
        var group = _bot.Telegram.AddGroup("Friends");
        var dan = _bot.Telegram.AddUser("Dan");
        var link = _bot.Site.AddPage("button", "Cancel by button", media: "/media/slow.mp4", durationSeconds: 8);
        _bot.Telegram.SendUserMessage(group, ana, "@" + _bot.Telegram.Bot.Username + " " + link);
        var status = await _bot.Telegram.WaitForMessageAsync(group.Id, m => m.Text?.StartsWith("Downloading", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30));
        var data = CallbackData(status);
        Assert.StartsWith("x:", data, StringComparison.Ordinal);

        var stranger = _bot.Telegram.SendCallbackQuery(group, dan, status.MessageId, data);
        var refused = await AnswerAsync(stranger);
        Assert.Equal("Only the person who sent this link can cancel it.", refused.Text);
        Assert.True(refused.ShowAlert);

        var owner = _bot.Telegram.SendCallbackQuery(group, ana, status.MessageId, data);
        var accepted = await AnswerAsync(owner);
        Assert.Equal("Cancelling…", accepted.Text);
        await _bot.IdleAsync();

        var last = _bot.Telegram.Messages(group.Id).Single(m => m.MessageId == status.MessageId);
        Assert.Equal("Cancelled.", last.Text);
        Assert.Null(last.ReplyMarkup); // nothing left to press
        Assert.DoesNotContain(_bot.Telegram.Messages(group.Id), m => m.Kind == "video");

        var late = _bot.Telegram.SendCallbackQuery(group, ana, status.MessageId, data);
        var ended = await AnswerAsync(late);
        Assert.Equal("This download isn't running any more.", ended.Text);
    }

    [Theory]
    [InlineData("x:")]
    [InlineData("x:999999999999")]
    [InlineData("x:../../etc")]
    public async Task Forged_cancel_data_gets_an_answer(string data)
    {
        var ana = _bot.Telegram.AddUser("Ana", languageCode: "ro");
        var hint = _bot.Say(ana, "hello");
        await _bot.ReplyAsync(ana, m => m.Kind == "text");

        var press = _bot.Telegram.SendCallbackQuery(_bot.Telegram.PrivateChat(ana), ana, hint.MessageId, data);
        var answer = await AnswerAsync(press);

        Assert.Equal("Descărcarea nu mai rulează.", answer.Text);
    }

    [Fact]
    public async Task The_chat_shows_the_upload_while_it_runs_and_the_button_is_gone_after()
    {
        var ana = _bot.Telegram.AddUser("Ana");
        _bot.Say(ana, _bot.Site.AddPage("action", "Action"));

        await _bot.ReplyAsync(ana, m => m.Kind == "video");
        await _bot.IdleAsync();

        Assert.Contains("upload_video", _bot.Telegram.ChatActions(ana.Id));
        var statusSent = _bot.Telegram.Requests.First(r => r.Method == "sendMessage");
        Assert.Contains("\"callback_data\":\"x:", statusSent.Parameters["reply_markup"], StringComparison.Ordinal);
        Assert.DoesNotContain(_bot.Telegram.Messages(ana.Id), m => m.Kind == "text"); // the status message is deleted
    }

    private async Task<(string? Text, bool ShowAlert, string? Url)> AnswerAsync(string queryId) =>
        (await _bot.Telegram.WaitForAsync(
            () => _bot.Telegram.CallbackAnswer(queryId) is { } answer ? Tuple.Create(answer) : null, TimeSpan.FromSeconds(10), "the button's answer")).Item1;

    private static string CallbackData(FakeMessage message) =>
        JsonNode.Parse(message.ReplyMarkup ?? throw new InvalidOperationException("the status message has no buttons"))!
            ["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>();
}
