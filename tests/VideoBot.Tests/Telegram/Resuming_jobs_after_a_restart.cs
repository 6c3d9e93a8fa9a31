using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VideoBot.Host.Caching;
using VideoBot.Host.Jobs;
using VideoBot.Tests.Support;
using VideoBot.Tests.TelegramBot.Support;
using VideoBot.Host.Configuration;

namespace VideoBot.Tests.TelegramBot;

/// <summary>
/// Every accepted link is a job stored before work starts: a host stopped mid-download finishes it after its restart, and a
/// job a killed host left behind (still leased to it) is taken over once the lease runs out, or its user is told.
/// </summary>
public abstract class Resuming_jobs_after_a_restart : IAsyncLifetime
{
    private const string Interrupted = "The bot is restarting. I'll finish this as soon as it's back.";

    private protected BotHarness Bot { get; private set; } = null!;

    /// <summary>Settings of the job store under test (none: SQLite).</summary>
    protected abstract Task<Dictionary<string, string?>> StoreSettingsAsync();

    /// <summary>The job store as a killed host left it, opened from outside the bot.</summary>
    private protected abstract IJobStore OpenStore();

    public async Task InitializeAsync()
    {
        var settings = await StoreSettingsAsync();
        settings["Jobs:RecoverySeconds"] = "1";
        settings["Jobs:LeaseSeconds"] = "3";
        Bot = await BotHarness.StartAsync(settings, startBot: false);
    }

    public virtual async Task DisposeAsync() => await Bot.DisposeAsync();

    [Fact]
    public async Task A_download_interrupted_by_a_restart_is_finished_after_it()
    {
        await Bot.StartBotAsync();
        Bot.Site.SlowChunkDelay = TimeSpan.FromMilliseconds(400);
        var user = Bot.Telegram.AddUser("Ana");
        Bot.Say(user, Bot.Site.AddPage("interrupted", "Interrupted", media: "/media/slow.mp4", durationSeconds: 8));
        await Bot.ReplyAsync(user, m => m.Text?.StartsWith("Downloading", StringComparison.Ordinal) == true);
        // Telegram has forgotten the update (the offset moved past it once its job was stored): only the job queue has it now.
        await Bot.Telegram.WaitForAsync(() => Bot.Telegram.PendingUpdateCount == 0 ? "confirmed" : null, TimeSpan.FromSeconds(30), "the update's confirmation");

        await Bot.StopBotAsync();

        Assert.Contains(Bot.Telegram.Messages(user.Id), m => m.Text == Interrupted);
        Assert.DoesNotContain(Bot.Telegram.Messages(user.Id), m => m.Kind == "video");
        Bot.Site.SlowChunkDelay = TimeSpan.FromMilliseconds(20);
        await Bot.StartBotAsync();
        var video = await Bot.ReplyAsync(user, m => m.Kind == "video", seconds: 60);
        await Bot.IdleAsync();

        Assert.Equal("Interrupted\nFixture TV\nSource", video.Caption);
        Assert.Single(Bot.Telegram.Messages(user.Id), m => m.Kind == "video");
        Assert.Equal(2, Bot.Site.RequestsFor("/media/slow.mp4"));
    }

    [Fact]
    public async Task A_job_left_by_a_killed_host_is_taken_over_when_its_lease_runs_out()
    {
        var user = Bot.Telegram.AddUser("Dan");
        Bot.Telegram.PrivateChat(user);
        var first = Bot.Site.AddPage("orphan-1", "Orphan one");
        var second = Bot.Site.AddPage("orphan-2", "Orphan two");
        // What a host killed during the second link leaves behind: the job, one link done, leased to the dead instance.
        var job = new JobRecord("424242", user.Id, 1, user.Id, "en", [first, second], UserSettings.Default);
        var store = OpenStore();
        using var closing = store as IDisposable; // the SQLite store's writer thread
        Assert.True(await store.TryAddAsync(job, "dead-host", TimeSpan.FromSeconds(2), default));
        await store.ProgressAsync(job.Id, 1, default);

        await Bot.StartBotAsync();
        var video = await Bot.ReplyAsync(user, m => m.Kind == "video", seconds: 60);
        await Bot.IdleAsync();

        Assert.Equal("Orphan two\nFixture TV\nSource", video.Caption);
        Assert.Equal(0, Bot.Site.RequestsFor("/watch/orphan-1"));
        Assert.Equal(0, await store.CountOpenAsync(default));
    }

    [Fact]
    public async Task A_status_message_left_by_a_killed_host_is_removed_when_the_job_resumes()
    {
        var user = Bot.Telegram.AddUser("Ion");
        Bot.Telegram.PrivateChat(user);
        var url = Bot.Site.AddPage("leftover", "Leftover");
        // What a host killed while extracting leaves behind: its "Extracting…" message, and the job noting it.
        var telegram = VideoBot.Tests.FakeTelegram.FakeTelegramClient.For(Bot.Telegram);
        var left = await global::Telegram.Bot.TelegramBotClientExtensions.SendMessage(telegram, user.Id, "Extracting…");
        var store = OpenStore();
        using var closing = store as IDisposable; // the SQLite store's writer thread
        Assert.True(await store.TryAddAsync(new JobRecord("616161", user.Id, 1, user.Id, "en", [url], UserSettings.Default), "dead-host", TimeSpan.FromMilliseconds(1), default));
        await store.SetStatusMessageAsync("616161", left.Id, default);

        await Bot.StartBotAsync();
        var video = await Bot.ReplyAsync(user, m => m.Kind == "video", seconds: 60);
        await Bot.IdleAsync();

        Assert.Equal("Leftover\nFixture TV\nSource", video.Caption);
        Assert.DoesNotContain(Bot.Telegram.Messages(user.Id), m => m.MessageId == left.Id);
        Assert.DoesNotContain(Bot.Telegram.Messages(user.Id), m => m.Kind == "text");
    }

    [Fact]
    public async Task A_job_that_never_survives_its_runs_is_dropped_and_its_user_told()
    {
        var user = Bot.Telegram.AddUser("Eve");
        Bot.Telegram.PrivateChat(user);
        var url = Bot.Site.AddPage("doomed", "Doomed");
        var store = OpenStore();
        using var closing = store as IDisposable; // the SQLite store's writer thread
        Assert.True(await store.TryAddAsync(new JobRecord("515151", user.Id, 1, user.Id, "en", [url], UserSettings.Default), "dead-1", TimeSpan.FromMilliseconds(1), default));
        // Two more hosts took it over and died too: three attempts, the default Jobs:MaxAttempts.
        for (var dead = 2; dead <= 3; dead++)
        {
            await Task.Delay(20);
            Assert.Single(await store.ClaimOrphansAsync("dead-" + dead, TimeSpan.FromMilliseconds(1), default));
        }

        await Bot.StartBotAsync();
        var told = await Bot.ReplyAsync(user, m => m.Kind == "text", seconds: 60);

        Assert.StartsWith("Sorry, I was restarted several times while working on " + url, told.Text, StringComparison.Ordinal);
        Assert.Equal(0, Bot.Site.RequestsFor("/watch/doomed"));
        await Bot.Telegram.WaitForAsync(() => store.CountOpenAsync(default).Result == 0 ? "closed" : null, TimeSpan.FromSeconds(30), "the job to close");
    }
}

public sealed class Resuming_jobs_after_a_restart_with_SQLite : Resuming_jobs_after_a_restart
{
    protected override Task<Dictionary<string, string?>> StoreSettingsAsync() => Task.FromResult(new Dictionary<string, string?>());

    private protected override IJobStore OpenStore() =>
        new SqliteJobStore(new BotDatabase(Path.Combine(Bot.StorageDirectory, "bot.db")), TimeProvider.System, Options.Create(new JobsOptions()));
}

public sealed class Resuming_jobs_after_a_restart_with_Redis : Resuming_jobs_after_a_restart
{
    private RedisServer? _redis;
    private ConnectionMultiplexer? _connection;

    protected override async Task<Dictionary<string, string?>> StoreSettingsAsync()
    {
        _redis = await RedisServer.StartAsync();
        return new Dictionary<string, string?> { ["Cache:Redis"] = _redis.ConnectionString };
    }

    private protected override IJobStore OpenStore()
    {
        _connection ??= ConnectionMultiplexer.Connect(_redis!.ConnectionString);
        return new RedisJobStore(_connection, Options.Create(new JobsOptions()));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
