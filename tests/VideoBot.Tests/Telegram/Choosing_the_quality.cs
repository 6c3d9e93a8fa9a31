using VideoBot.FakeTelegram.State;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

/// <summary>
/// The "Ask each time" setting: a link is answered with quality buttons, a press starts the job, and every other press (someone
/// else's, a used or expired question, forged data) gets an answer.
/// </summary>
public sealed class Choosing_the_quality : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task With_ask_each_time_on_a_link_gets_buttons_and_sound_only_arrives_as_a_titled_audio_with_its_cover()
    {
        var ana = _bot.Telegram.AddUser("Ana");
        await TurnOnAsync(ana, "s:ask:1");
        var url = _bot.Site.AddPage("ask", "Harbour at dawn");
        var link = _bot.Say(ana, url);

        var question = await QuestionAsync(ana);
        var labels = InlineButtons.Of(question).Select(b => b.Text).ToList();
        Assert.Equal(["240p", "Sound only", "As a file"], labels);
        Assert.All(InlineButtons.Of(question), b => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(b.Data), 1, 64));
        Assert.Equal(0, _bot.Site.RequestsFor("/media/clip.mp4"));

        var press = _bot.Telegram.SendCallbackQuery(_bot.Telegram.PrivateChat(ana), ana, question.MessageId, InlineButtons.DataOf(question, t => t == "Sound only"));
        var audio = await _bot.ReplyAsync(ana, m => m.Kind == "audio");
        await _bot.IdleAsync();

        Assert.Equal("Fetching: Sound only", _bot.Telegram.CallbackAnswer(press)?.Text);
        Assert.Equal(link.MessageId, audio.ReplyToMessageId);
        var sent = _bot.Telegram.Requests.Last(r => r.Method == "sendAudio" && r.StatusCode == 200);
        Assert.Equal("Harbour at dawn", sent.Parameters["title"]);
        Assert.Equal("Fixture TV", sent.Parameters["performer"]);
        Assert.Equal("2", sent.Parameters["duration"]);
        Assert.NotNull(audio.ThumbnailFileId);
        Assert.EndsWith(".m4a", _bot.Telegram.File(audio.FileId!)!.FileName);
        Assert.Equal("Chosen: Sound only", _bot.Telegram.Messages(ana.Id).Single(m => m.MessageId == question.MessageId).Text);
    }

    [Fact]
    public async Task Sound_only_comes_as_mp3_when_the_setting_asks()
    {
        var ana = _bot.Telegram.AddUser("Ana");
        await TurnOnAsync(ana, "s:audio:1");
        await TurnOnAsync(ana, "s:af:mp3");
        _bot.Say(ana, _bot.Site.AddPage("mp3", "In MP3"));

        var audio = await _bot.ReplyAsync(ana, m => m.Kind == "audio");

        Assert.EndsWith(".mp3", _bot.Telegram.File(audio.FileId!)!.FileName);
        Assert.Equal("mp3", DetectMp3(_bot.Telegram.FileBytes(audio.FileId!)!));
    }

    [Fact]
    public async Task Presses_by_someone_else_forged_data_and_a_used_question_are_each_answered()
    {
        var ana = _bot.Telegram.AddUser("Ana");
        var dan = _bot.Telegram.AddUser("Dan", languageCode: "ro");
        await TurnOnAsync(ana, "s:ask:1");
        _bot.Say(ana, _bot.Site.AddPage("others", "Others"));
        var question = await QuestionAsync(ana);
        var chat = _bot.Telegram.PrivateChat(ana);
        var valid = InlineButtons.DataOf(question, t => t == "240p");
        var token = valid.Split(':')[1];

        var byDan = _bot.Telegram.SendCallbackQuery(chat, dan, question.MessageId, valid);
        var garbage = _bot.Telegram.SendCallbackQuery(chat, ana, question.MessageId, "q:%%%:x");
        var forgedIndex = _bot.Telegram.SendCallbackQuery(chat, ana, question.MessageId, $"q:{token}:9");
        var unknownToken = _bot.Telegram.SendCallbackQuery(chat, ana, question.MessageId, "q:AAAAAAAAAAAAAAAA:0");
        Assert.Equal("These buttons are for the person who sent the link.", await AnswerAsync(byDan));
        Assert.Equal("That button isn't valid.", await AnswerAsync(garbage));
        Assert.Equal("That button isn't valid.", await AnswerAsync(forgedIndex));
        Assert.StartsWith("This choice has expired", await AnswerAsync(unknownToken));

        _bot.Telegram.SendCallbackQuery(chat, ana, question.MessageId, valid);
        await _bot.ReplyAsync(ana, m => m.Kind == "video");
        var again = _bot.Telegram.SendCallbackQuery(chat, ana, question.MessageId, valid);
        Assert.StartsWith("This choice has expired", await AnswerAsync(again));
        await _bot.IdleAsync();
        Assert.Single(_bot.Telegram.Messages(ana.Id), m => m.Kind == "video");
    }

    [Fact]
    public async Task A_press_under_a_question_that_is_gone_is_answered_and_starts_nothing()
    {
        var ana = _bot.Telegram.AddUser("Ana");
        await TurnOnAsync(ana, "s:ask:1");
        _bot.Say(ana, _bot.Site.AddPage("gone", "Gone"));
        var question = await QuestionAsync(ana);

        var press = _bot.Telegram.SendCallbackQueryOnInaccessibleMessage(
            _bot.Telegram.PrivateChat(ana), ana, question.MessageId, InlineButtons.DataOf(question, t => t == "240p"));

        Assert.Equal("That question is gone. Send the link again.", await AnswerAsync(press));
        await _bot.IdleAsync();
        Assert.Equal(0, _bot.Site.RequestsFor("/media/clip.mp4"));
    }

    [Fact]
    public async Task The_settings_show_the_new_options_in_both_languages()
    {
        var ana = _bot.Telegram.AddUser("Ana", languageCode: "ro");
        _bot.Say(ana, "/settings");

        var menu = await _bot.ReplyAsync(ana, m => m.ReplyMarkup is not null);

        Assert.Contains("Subtitrări: nu", menu.Text);
        Assert.Contains(InlineButtons.Of(menu), b => b.Data == "s:ask:1");
        Assert.Contains(InlineButtons.Of(menu), b => b.Data == "s:sub:embedded");
        Assert.Contains(InlineButtons.Of(menu), b => b.Data == "s:af:mp3");
        Assert.Contains(InlineButtons.Of(menu), b => b.Data == "s:pc:1");
    }

    private async Task TurnOnAsync(FakeUser user, string data)
    {
        var before = _bot.Telegram.Messages(user.Id).Count;
        _bot.Say(user, "/settings");
        var menu = await _bot.Telegram.WaitForAsync(
            () => _bot.Telegram.Messages(user.Id).Skip(before).FirstOrDefault(m => m.ReplyMarkup is not null), TimeSpan.FromSeconds(20));
        var press = _bot.Telegram.SendCallbackQuery(_bot.Telegram.PrivateChat(user), user, menu.MessageId, data);
        Assert.Equal("Saved.", await AnswerAsync(press));
    }

    private Task<FakeMessage> QuestionAsync(FakeUser user) =>
        _bot.ReplyAsync(user, m => m.Text == "Which one should I send?" && m.ReplyMarkup is not null);

    private async Task<string?> AnswerAsync(string queryId) =>
        (await _bot.Telegram.WaitForAsync(() => _bot.Telegram.CallbackAnswer(queryId) is { } a ? new[] { a.Text } : null, TimeSpan.FromSeconds(20)))[0];

    /// <summary>An MP3 starts with an ID3 tag or an MPEG audio frame sync.</summary>
    private static string DetectMp3(byte[] bytes) =>
        bytes.Length > 3 && ((bytes[0] == 'I' && bytes[1] == 'D' && bytes[2] == '3') || (bytes[0] == 0xFF && (bytes[1] & 0xE0) == 0xE0)) ? "mp3" : "other";
}
