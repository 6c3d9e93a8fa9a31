using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using VideoBot.FakeTelegram;
using VideoBot.FakeTelegram.State;

namespace VideoBot.Tests.FakeTelegram;

public sealed class Editing_deleting_and_flood_control : IAsyncLifetime
{
    private FakeBotApiServer _server = null!;
    private FakeChat _chat = null!;
    private TelegramBotClient _bot = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeBotApiServer.StartAsync();
        _chat = _server.PrivateChat(_server.AddUser());
        _bot = FakeTelegramClient.For(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Editing_changes_the_stored_text_and_sets_the_edit_date()
    {
        var status = await _bot.SendMessage(_chat.Id, "Downloading… 10%");

        var edited = await _bot.EditMessageText(_chat.Id, status.MessageId, "Downloading… <b>50%</b>", ParseMode.Html);

        Assert.Equal("Downloading… 50%", edited.Text);
        Assert.NotNull(edited.EditDate);
        var stored = Assert.Single(_server.Messages(_chat.Id));
        Assert.Equal("Downloading… 50%", stored.Text);
        Assert.NotNull(stored.EditDate);
    }

    [Fact]
    public async Task Editing_to_the_same_text_and_markup_is_not_modified()
    {
        var keyboard = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Cancel", "c"));
        var status = await _bot.SendMessage(_chat.Id, "<b>Working</b>", ParseMode.Html, replyMarkup: keyboard);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() =>
            _bot.EditMessageText(_chat.Id, status.MessageId, "<b>Working</b>", ParseMode.Html, replyMarkup: keyboard));
        var withoutKeyboard = await _bot.EditMessageText(_chat.Id, status.MessageId, "<b>Working</b>", ParseMode.Html);

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal(
            "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
            error.Message);
        Assert.Null(withoutKeyboard.ReplyMarkup);
    }

    [Fact]
    public async Task Editing_or_deleting_an_unknown_message_is_not_found()
    {
        var edit = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.EditMessageText(_chat.Id, 4242, "x"));
        var delete = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.DeleteMessage(_chat.Id, 4242));

        Assert.Equal("Bad Request: message to edit not found", edit.Message);
        Assert.Equal("Bad Request: message to delete not found", delete.Message);
    }

    [Fact]
    public async Task A_deleted_message_is_gone_and_cannot_be_deleted_twice()
    {
        var status = await _bot.SendMessage(_chat.Id, "temporary");

        await _bot.DeleteMessage(_chat.Id, status.MessageId);
        var again = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.DeleteMessage(_chat.Id, status.MessageId));

        Assert.Empty(_server.Messages(_chat.Id));
        Assert.Equal("Bad Request: message to delete not found", again.Message);
    }

    [Fact]
    public async Task An_injected_flood_error_carries_retry_after_and_then_clears()
    {
        _server.InjectError("sendMessage", 429, retryAfter: 7);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(_chat.Id, "hello"));
        var next = await _bot.SendMessage(_chat.Id, "hello");

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal("Too Many Requests: retry after 7", error.Message);
        Assert.Equal(7, error.Parameters!.RetryAfter);
        Assert.Equal("hello", next.Text);
    }

    [Fact]
    public async Task The_clients_automatic_retry_gets_through_a_short_flood_wait()
    {
        var retryingBot = new TelegramBotClient(new TelegramBotClientOptions(_server.Token, _server.ApiBaseUrl));
        _server.InjectError("SENDMESSAGE", 429, retryAfter: 1);

        var sent = await retryingBot.SendMessage(_chat.Id, "eventually");

        Assert.Equal("eventually", sent.Text);
        Assert.Equal([429, 200], _server.Requests.Where(r => r.Method == "sendMessage").Select(r => r.StatusCode));
    }

    [Fact]
    public async Task Chat_actions_commands_and_callback_answers_are_recorded()
    {
        var user = _server.AddUser("Fay");
        var chat = _server.PrivateChat(user);
        var menu = await _bot.SendMessage(chat.Id, "Pick", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("720p", "q:720")));
        var queryId = _server.SendCallbackQuery(chat, user, menu.MessageId, "q:720");

        await _bot.SendChatAction(chat.Id, ChatAction.UploadVideo);
        await _bot.SetMyCommands([new BotCommand("start", "Start"), new BotCommand("help", "How to use")]);
        var update = Assert.Single(await _bot.GetUpdates());
        await _bot.AnswerCallbackQuery(update.CallbackQuery!.Id, "Downloading 720p");
        var twice = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.AnswerCallbackQuery(queryId));

        Assert.Equal(["upload_video"], _server.ChatActions(chat.Id));
        Assert.Equal(["start", "help"], (await _bot.GetMyCommands()).Select(c => c.Command));
        Assert.Equal("q:720", update.CallbackQuery.Data);
        Assert.Equal(("Downloading 720p", false, (string?)null), _server.CallbackAnswer(queryId));
        Assert.Equal("Bad Request: query is too old and response timeout expired or query ID is invalid", twice.Message);
    }
}
