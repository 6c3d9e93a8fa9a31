using VideoBot.Tests.Support;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

/// <summary>
/// /autodetect on|off: a group's administrators may have the bot fetch every link posted there, not only those addressed to
/// it; failures then show as a reaction on the message, not as a message. The choice is kept per chat, across restarts.
/// </summary>
public sealed class Fetching_every_link_in_a_group : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task An_administrator_turns_it_on_then_links_are_fetched_and_failures_get_a_reaction()
    {
        var group = _bot.Telegram.AddGroup("Links");
        var admin = _bot.Telegram.AddUser("Ana");
        var member = _bot.Telegram.AddUser("Dan");
        _bot.Telegram.SetChatMember(group, admin, "administrator");

        // Off by default: a link nobody addressed to the bot is left alone.
        var ignored = _bot.Telegram.SendUserMessage(group, member, _bot.Site.AddPage("before", "Before"));
        _bot.Telegram.SendUserMessage(group, admin, "/autodetect on");
        await Reply(group, m => m.Text?.StartsWith("From now on I fetch every link", StringComparison.Ordinal) == true);
        Assert.Equal(0, _bot.Site.RequestsFor("/watch/before"));

        var good = _bot.Telegram.SendUserMessage(group, member, "look " + _bot.Site.AddPage("during", "During"));
        var video = await Reply(group, m => m.Kind == "video");
        Assert.Equal(good.MessageId, video.ReplyToMessageId);

        var bad = _bot.Telegram.SendUserMessage(group, member, _bot.Site.Site.Url("/watch/missing").AbsoluteUri);
        await _bot.Telegram.WaitForAsync(() => _bot.Telegram.Reactions(group.Id, bad.MessageId) is [_] r ? r : null, TimeSpan.FromSeconds(30), "the reaction");
        await _bot.IdleAsync();

        Assert.Equal(["👎"], _bot.Telegram.Reactions(group.Id, bad.MessageId));
        Assert.DoesNotContain(_bot.Telegram.Messages(group.Id), m => m.Kind == "text" && m.Text!.Contains("doesn't exist", StringComparison.Ordinal));
        Assert.Empty(_bot.Telegram.Reactions(group.Id, ignored.MessageId));

        _bot.Telegram.SendUserMessage(group, admin, "/autodetect off");
        await Reply(group, m => m.Text?.StartsWith("From now on I answer links here only", StringComparison.Ordinal) == true);
        _bot.Telegram.SendUserMessage(group, member, _bot.Site.AddPage("after", "After"));
        _bot.Telegram.SendUserMessage(group, member, "/autodetect");
        await Reply(group, m => m.Text?.StartsWith("I answer links here only", StringComparison.Ordinal) == true);
        await _bot.IdleAsync();
        Assert.Equal(0, _bot.Site.RequestsFor("/watch/after"));
    }

    [Fact]
    public async Task Members_who_are_not_administrators_cannot_change_it()
    {
        var group = _bot.Telegram.AddGroup("Links");
        var member = _bot.Telegram.AddUser("Dan", languageCode: "ro");
        var kicked = _bot.Telegram.AddUser("Eve");
        _bot.Telegram.SetChatMember(group, kicked, "restricted");

        _bot.Telegram.SendUserMessage(group, member, "/autodetect on");
        await Reply(group, m => m.Text == "Doar administratorii grupului pot schimba asta.");
        _bot.Telegram.SendUserMessage(group, kicked, "/autodetect on");
        await Reply(group, m => m.Text == "Only the group's administrators can change this.");
        _bot.Telegram.SendUserMessage(group, member, _bot.Site.AddPage("still-off", "Still off"));
        _bot.Telegram.SendUserMessage(group, member, "/autodetect");
        await Reply(group, m => m.Text?.StartsWith("Răspund la linkuri aici doar", StringComparison.Ordinal) == true);

        Assert.Equal(0, _bot.Site.RequestsFor("/watch/still-off"));
        Assert.Contains(_bot.Telegram.Requests, r => r.Method == "getChatMember" && r.Parameters["user_id"] == member.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("/autodetect maybe", "Send <code>/autodetect on</code>")]
    [InlineData("/autodetect on please", "Send <code>/autodetect on</code>")]
    public async Task A_wrong_argument_gets_the_usage(string command, string start)
    {
        var group = _bot.Telegram.AddGroup("Links");
        var admin = _bot.Telegram.AddUser("Ana");
        _bot.Telegram.SetChatMember(group, admin, "creator");

        _bot.Telegram.SendUserMessage(group, admin, command);

        var usage = await Reply(group, m => m.Kind == "text");
        Assert.StartsWith(start, usage.SourceText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_private_chat_it_explains_where_it_works()
    {
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, "/autodetect on");

        var answer = await _bot.ReplyAsync(user, m => m.Kind == "text");

        Assert.StartsWith("/autodetect works in groups", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_choice_survives_a_restart()
    {
        var group = _bot.Telegram.AddGroup("Links");
        var admin = _bot.Telegram.AddUser("Ana");
        _bot.Telegram.SetChatMember(group, admin, "creator");
        _bot.Telegram.SendUserMessage(group, admin, "/autodetect on");
        await Reply(group, m => m.Text?.StartsWith("From now on I fetch every link", StringComparison.Ordinal) == true);

        await _bot.StopBotAsync();
        await _bot.StartBotAsync();
        _bot.Telegram.SendUserMessage(group, admin, _bot.Site.AddPage("restarted", "Restarted"));

        var video = await Reply(group, m => m.Kind == "video");
        Assert.StartsWith("Restarted", video.Caption, StringComparison.Ordinal);
    }

    private Task<VideoBot.FakeTelegram.State.FakeMessage> Reply(VideoBot.FakeTelegram.State.FakeChat group, Func<VideoBot.FakeTelegram.State.FakeMessage, bool> predicate) =>
        _bot.Telegram.WaitForMessageAsync(group.Id, predicate, TimeSpan.FromSeconds(30));
}

/// <summary>With <c>Cache:Redis</c> set, a group's choice is kept in Redis: a second instance sees it.</summary>
public sealed class Fetching_every_link_in_a_group_with_Redis : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private BotHarness _first = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _first = await BotHarness.StartAsync(new Dictionary<string, string?> { ["Cache:Redis"] = _redis.ConnectionString });
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Another_instance_sees_the_choice()
    {
        var group = _first.Telegram.AddGroup("Links");
        var admin = _first.Telegram.AddUser("Ana");
        _first.Telegram.SetChatMember(group, admin, "administrator");
        _first.Telegram.SendUserMessage(group, admin, "/autodetect on");
        await _first.Telegram.WaitForMessageAsync(group.Id, m => m.Text?.StartsWith("From now on I fetch", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30));
        await _first.StopBotAsync();

        // A new instance with its own SQLite file: only Redis can tell it.
        await using var second = await BotHarness.StartAnotherAsync(_first, new Dictionary<string, string?> { ["Cache:Redis"] = _redis.ConnectionString });
        _first.Telegram.SendUserMessage(group, admin, _first.Site.AddPage("shared", "Shared"));

        var video = await _first.Telegram.WaitForMessageAsync(group.Id, m => m.Kind == "video", TimeSpan.FromSeconds(30));
        Assert.StartsWith("Shared", video.Caption, StringComparison.Ordinal);
    }
}
