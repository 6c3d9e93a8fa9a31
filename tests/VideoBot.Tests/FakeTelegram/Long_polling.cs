using System.Diagnostics;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using VideoBot.FakeTelegram;

namespace VideoBot.Tests.FakeTelegram;

public sealed class Long_polling : IAsyncLifetime
{
    private FakeBotApiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeBotApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_user_message_arrives_through_getUpdates_with_its_entities()
    {
        var user = _server.AddUser("Alice", "alice", "de");
        var chat = _server.PrivateChat(user);
        _server.SendUserMessage(chat, user, "/start https://www.youtube.com/watch?v=abc_123 please");
        var bot = FakeTelegramClient.For(_server);

        var updates = await bot.GetUpdates(timeout: 1);

        var message = Assert.Single(updates).Message!;
        Assert.Equal(UpdateType.Message, updates[0].Type);
        Assert.Equal(chat.Id, message.Chat.Id);
        Assert.Equal(ChatType.Private, message.Chat.Type);
        Assert.Equal("alice", message.From!.Username);
        Assert.Equal("de", message.From.LanguageCode);
        Assert.Equal(1, message.MessageId);
        Assert.Collection(message.Entities!,
            command => Assert.Equal((MessageEntityType.BotCommand, 0, 6), (command.Type, command.Offset, command.Length)),
            url => Assert.Equal((MessageEntityType.Url, 7, "https://www.youtube.com/watch?v=abc_123".Length), (url.Type, url.Offset, url.Length)));
    }

    [Fact]
    public async Task An_offset_above_an_update_id_confirms_it_so_it_is_not_sent_again()
    {
        var user = _server.AddUser();
        var chat = _server.PrivateChat(user);
        _server.SendUserMessage(chat, user, "first");
        var bot = FakeTelegramClient.For(_server);

        var first = await bot.GetUpdates();
        var again = await bot.GetUpdates();
        _server.SendUserMessage(chat, user, "second");
        var next = await bot.GetUpdates(offset: first[0].Id + 1);
        var afterConfirm = await bot.GetUpdates(offset: next[0].Id + 1);

        Assert.Equal("first", Assert.Single(first).Message!.Text);
        Assert.Equal(first[0].Id, Assert.Single(again).Id);
        Assert.Equal("second", Assert.Single(next).Message!.Text);
        Assert.Equal(first[0].Id + 1, next[0].Id);
        Assert.Empty(afterConfirm);
        Assert.Equal(0, _server.PendingUpdateCount);
    }

    [Fact]
    public async Task A_long_poll_waits_for_the_next_message_and_returns_as_soon_as_it_comes()
    {
        var user = _server.AddUser();
        var chat = _server.PrivateChat(user);
        var bot = FakeTelegramClient.For(_server);
        var clock = Stopwatch.StartNew();

        var poll = bot.GetUpdates(timeout: 20);
        await Task.Delay(300);
        Assert.False(poll.IsCompleted);
        _server.SendUserMessage(chat, user, "late message");
        var updates = await poll;

        Assert.Equal("late message", Assert.Single(updates).Message!.Text);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_long_poll_with_nothing_to_deliver_ends_empty_after_its_timeout()
    {
        var clock = Stopwatch.StartNew();

        var updates = await FakeTelegramClient.For(_server).GetUpdates(timeout: 1);

        Assert.Empty(updates);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_second_poller_ends_the_first_with_409_Conflict()
    {
        var bot = FakeTelegramClient.For(_server);

        var first = bot.GetUpdates(timeout: 20);
        await Task.Delay(300);
        var second = bot.GetUpdates(timeout: 1);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => first);
        Assert.Equal(409, error.ErrorCode);
        Assert.Equal("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", error.Message);
        Assert.Empty(await second);
    }

    [Fact]
    public async Task Limit_caps_the_batch_and_allowed_updates_filters_new_updates()
    {
        var user = _server.AddUser();
        var chat = _server.PrivateChat(user);
        for (var i = 0; i < 3; i++)
        {
            _server.SendUserMessage(chat, user, $"m{i}");
        }

        var bot = FakeTelegramClient.For(_server);
        var two = await bot.GetUpdates(limit: 2);
        var rest = await bot.GetUpdates(offset: two[^1].Id + 1, allowedUpdates: [UpdateType.CallbackQuery]);
        _server.SendUserMessage(chat, user, "filtered out");
        var afterFilter = await bot.GetUpdates(offset: rest[^1].Id + 1);

        Assert.Equal(["m0", "m1"], two.Select(u => u.Message!.Text));
        Assert.Equal("m2", Assert.Single(rest).Message!.Text);
        Assert.Empty(afterFilter);
    }

    [Fact]
    public async Task The_clients_own_polling_loop_receives_messages()
    {
        var user = _server.AddUser();
        var chat = _server.PrivateChat(user);
        var bot = FakeTelegramClient.For(_server);
        var received = new TaskCompletionSource<string>();
        using var stop = new CancellationTokenSource();
        bot.StartReceiving(
            (_, update, _) => { received.TrySetResult(update.Message?.Text ?? ""); return Task.CompletedTask; },
            (_, _, _) => Task.CompletedTask,
            new Telegram.Bot.Polling.ReceiverOptions(),
            stop.Token);

        _server.SendUserMessage(chat, user, "hello bot");

        Assert.Equal("hello bot", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await stop.CancelAsync();
    }
}
