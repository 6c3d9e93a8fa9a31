using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.InlineQueryResults;
using Telegram.Bot.Types.ReplyMarkups;
using VideoBot.FakeTelegram;

namespace VideoBot.Tests.FakeTelegram;

/// <summary>answerInlineQuery, getChatMember, setMessageReaction and button data, held to the real API's rules.</summary>
public sealed class Inline_queries_reactions_and_members : IAsyncLifetime
{
    private FakeBotApiServer _server = null!;
    private TelegramBotClient _bot = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { SupportsInlineQueries = true });
        _bot = FakeTelegramClient.For(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_inline_query_arrives_as_an_update_and_is_answered_once()
    {
        var user = _server.AddUser("Ana");
        var id = _server.SendInlineQuery(user, "https://example.com/v/1", "group");

        var update = Assert.Single(await _bot.GetUpdates(allowedUpdates: [UpdateType.InlineQuery]));
        Assert.Equal(id, update.InlineQuery!.Id);
        Assert.Equal("https://example.com/v/1", update.InlineQuery.Query);
        Assert.Equal(ChatType.Group, update.InlineQuery.ChatType);
        Assert.True((await _bot.GetMe()).SupportsInlineQueries);

        await _bot.AnswerInlineQuery(id, [], cacheTime: 0, isPersonal: true, button: new InlineQueryResultsButton { Text = "Open", StartParameter = "v_abc" });
        var answer = _server.InlineAnswer(id)!;
        Assert.Equal(("Open", "v_abc", 0, true), (answer.ButtonText, answer.StartParameter, answer.CacheTime, answer.IsPersonal));

        var again = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.AnswerInlineQuery(id, []));
        Assert.Contains("query ID is invalid", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_are_held_to_telegrams_limits()
    {
        var user = _server.AddUser("Ana");
        var chat = _server.PrivateChat(user);
        var video = await _bot.SendVideo(chat.Id, InputFile.FromStream(new MemoryStream(await File.ReadAllBytesAsync(await VideoBot.Tests.Support.TestMedia.Mp4Async())), "v.mp4"));
        var photo = await _bot.SendPhoto(chat.Id, InputFile.FromStream(new MemoryStream(await File.ReadAllBytesAsync(await VideoBot.Tests.Support.TestMedia.JpegAsync())), "p.jpg"));

        async Task<string> Refused(IEnumerable<InlineQueryResult> results, InlineQueryResultsButton? button = null) =>
            (await Assert.ThrowsAsync<ApiRequestException>(() => _bot.AnswerInlineQuery(_server.SendInlineQuery(user, "x"), results, button: button))).Message;

        var many = Enumerable.Range(0, 51).Select(i => new InlineQueryResultCachedVideo("r" + i, video.Video!.FileId, "t"));
        Assert.Contains("RESULTS_TOO_MUCH", await Refused(many), StringComparison.Ordinal);
        Assert.Contains("RESULT_ID_DUPLICATE", await Refused([new InlineQueryResultCachedVideo("a", video.Video!.FileId, "t"), new InlineQueryResultCachedVideo("a", video.Video.FileId, "t")]), StringComparison.Ordinal);
        Assert.Contains("RESULT_ID_INVALID", await Refused([new InlineQueryResultCachedVideo(new string('a', 65), video.Video.FileId, "t")]), StringComparison.Ordinal);
        Assert.Contains("wrong file identifier", await Refused([new InlineQueryResultCachedVideo("a", "BAACAgIAAxkDAAInvented", "t")]), StringComparison.Ordinal);
        Assert.Contains("type of file mismatch", await Refused([new InlineQueryResultCachedVideo("a", photo.Photo![^1].FileId, "t")]), StringComparison.Ordinal);
        Assert.Contains("START_PARAM_INVALID", await Refused([], new InlineQueryResultsButton { Text = "Open", StartParameter = "has spaces" }), StringComparison.Ordinal);
        Assert.Contains("START_PARAM_INVALID", await Refused([], new InlineQueryResultsButton { Text = "Open", StartParameter = new string('a', 65) }), StringComparison.Ordinal);

        var fine = _server.SendInlineQuery(user, "x");
        await _bot.AnswerInlineQuery(fine, Enumerable.Range(0, 50).Select(i => new InlineQueryResultCachedVideo("r" + i, video.Video.FileId, "t")));
        Assert.Equal(50, _server.InlineAnswer(fine)!.Results.Count);
        Assert.Equal(300, _server.InlineAnswer(fine)!.CacheTime);
    }

    [Fact]
    public async Task Inline_queries_need_inline_mode_switched_on()
    {
        await using var off = await FakeBotApiServer.StartAsync();
        var user = off.AddUser("Ana");

        Assert.Throws<InvalidOperationException>(() => off.SendInlineQuery(user, "https://example.com/v/1"));
        Assert.False((await FakeTelegramClient.For(off).GetMe()).SupportsInlineQueries);
    }

    [Fact]
    public async Task Button_data_longer_than_64_bytes_is_refused()
    {
        var chat = _server.PrivateChat(_server.AddUser());
        var ok = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("ok", new string('a', 64)));
        await _bot.SendMessage(chat.Id, "fits", replyMarkup: ok);

        // 22 two-byte letters and 21 ASCII: 65 bytes in 43 characters.
        var tooLong = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("no", new string('ș', 22) + new string('a', 21)));
        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(chat.Id, "too long", replyMarkup: tooLong));
        Assert.Contains("BUTTON_DATA_INVALID", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_members_have_the_status_the_test_gave_them()
    {
        var group = _server.AddGroup();
        var admin = _server.AddUser("Ana");
        var member = _server.AddUser("Dan");
        _server.SetChatMember(group, admin, "administrator");

        Assert.Equal(ChatMemberStatus.Administrator, (await _bot.GetChatMember(group.Id, admin.Id)).Status);
        Assert.Equal(ChatMemberStatus.Member, (await _bot.GetChatMember(group.Id, member.Id)).Status);
        _server.SetChatMember(group, member, "kicked");
        Assert.Equal(ChatMemberStatus.Kicked, (await _bot.GetChatMember(group.Id, member.Id)).Status);
        _server.SetChatMember(group, member, "creator");
        Assert.Equal(ChatMemberStatus.Creator, (await _bot.GetChatMember(group.Id, member.Id)).Status);
        _server.SetChatMember(group, member, "restricted");
        Assert.Equal(ChatMemberStatus.Restricted, (await _bot.GetChatMember(group.Id, member.Id)).Status);
        Assert.Throws<ArgumentException>(() => _server.SetChatMember(group, member, "owner"));

        var unknown = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.GetChatMember(group.Id, 999));
        Assert.Contains("PARTICIPANT_ID_INVALID", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reaction_is_one_allowed_emoji_on_an_existing_message()
    {
        var group = _server.AddGroup();
        var user = _server.AddUser();
        var message = _server.SendUserMessage(group, user, "https://example.com/v/1");

        await _bot.SetMessageReaction(group.Id, (int)message.MessageId, [new ReactionTypeEmoji { Emoji = "👎" }]);
        Assert.Equal(["👎"], _server.Reactions(group.Id, message.MessageId));

        var invalid = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SetMessageReaction(group.Id, (int)message.MessageId, [new ReactionTypeEmoji { Emoji = "🦀" }]));
        Assert.Contains("REACTION_INVALID", invalid.Message, StringComparison.Ordinal);
        var two = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SetMessageReaction(group.Id, (int)message.MessageId,
            [new ReactionTypeEmoji { Emoji = "👍" }, new ReactionTypeEmoji { Emoji = "🔥" }]));
        Assert.Contains("REACTIONS_TOO_MANY", two.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SetMessageReaction(group.Id, 999, [new ReactionTypeEmoji { Emoji = "👍" }]));
        Assert.Contains("MESSAGE_ID_INVALID", missing.Message, StringComparison.Ordinal);

        await _bot.SetMessageReaction(group.Id, (int)message.MessageId, []);
        Assert.Empty(_server.Reactions(group.Id, message.MessageId));
    }
}
