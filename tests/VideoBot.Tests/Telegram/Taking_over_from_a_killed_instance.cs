using System.Diagnostics;
using VideoBot.FakeTelegram;
using VideoBot.Tests.Cli;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.Support;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

/// <summary>
/// Two real bot processes on one real redis-server: the first is killed (SIGKILL, nothing released) in the middle of a slow
/// download, and the second finishes the job. Its link lock dies with its job lease, so the takeover is paced by
/// <c>Jobs:LeaseSeconds</c> and <c>Jobs:RecoverySeconds</c>, not by a lock left to expire on its own.
/// </summary>
[Collection(VideoBot.Tests.Hostile.HeavyTests.Name)]
public sealed class Taking_over_from_a_killed_instance
{
    private const int LeaseSeconds = 6;
    private const int RecoverySeconds = 2;

    [Fact]
    public async Task A_job_whose_instance_was_killed_is_answered_by_the_other_within_the_lease_the_recovery_and_its_download()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var site = await FixtureVideoSite.StartAsync();
        await using var telegram = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = BotHarness.Token });
        using var firstStorage = new TempFolder();
        using var secondStorage = new TempFolder();
        var user = telegram.AddUser("Ana");
        site.SlowChunkDelay = TimeSpan.FromMilliseconds(500);
        var url = site.AddPage("takeover", "Takeover", media: "/media/slow.mp4", durationSeconds: 8);

        // Polling, one instance at a time (Telegram allows one getUpdates); both share the jobs and locks in Redis.
        await using var first = VideobotProcess.Start([], Settings(telegram, redis, firstStorage));
        telegram.SendUserMessage(telegram.PrivateChat(user), user, url);
        await first.UnlessExitedAsync(telegram.WaitForMessageAsync(user.Id, m => m.Text?.StartsWith("Downloading", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(90)));
        await telegram.WaitForAsync(() => site.RequestsFor("/media/slow.mp4") > 0 ? "started" : null, TimeSpan.FromSeconds(30), "the download");

        site.SlowChunkDelay = TimeSpan.FromMilliseconds(20);
        await first.StopAsync(); // SIGKILL: no lease, lock or job is given back
        var killed = Stopwatch.StartNew();
        await using var second = VideobotProcess.Start([], Settings(telegram, redis, secondStorage));
        var video = await second.UnlessExitedAsync(telegram.WaitForMessageAsync(user.Id, m => m.Kind == "video", TimeSpan.FromSeconds(90)));

        Assert.Equal("Takeover\nFixture TV\nSource", video.Caption);
        // The lease runs out, a recovery pass finds the job, then the download (about a second now) and the upload; the margin
        // covers the second instance's start-up under load. A link lock left to its library default (30 s, renewed to 30 s
        // every 10 s while the first instance lived) still holds 20 s or more after the kill.
        var allowed = TimeSpan.FromSeconds(LeaseSeconds + RecoverySeconds + 10);
        Assert.True(killed.Elapsed < allowed, $"the second instance answered {killed.Elapsed.TotalSeconds:0.0} s after the kill; allowed {allowed.TotalSeconds} s");
        Assert.Single(telegram.Messages(user.Id), m => m.Kind == "video");
    }

    private static Dictionary<string, string> Settings(FakeBotApiServer telegram, RedisServer redis, TempFolder storage)
    {
        var settings = VideobotProcess.BotEnvironment(telegram, storage.Path);
        settings["Cache__Redis"] = redis.ConnectionString;
        settings["Jobs__LeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Jobs__RecoverySeconds"] = RecoverySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}
