using StackExchange.Redis;
using VideoBot.Host.Caching;
using VideoBot.Tests.Support;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

/// <summary>
/// Cache stampede: many users send one link at once. One of them gets the download; all the others are sent the same
/// Telegram file by file_id. Counted at the fixture site (requests) and the fake Bot API (uploads).
/// </summary>
public abstract class Sharing_one_download : IAsyncLifetime
{
    private const int Users = 20;

    private protected BotHarness Bot { get; private set; } = null!;

    /// <summary>Settings of the persistent level under test (none: SQLite).</summary>
    protected abstract Task<Dictionary<string, string?>> LevelAsync();

    public async Task InitializeAsync()
    {
        var settings = await LevelAsync();
        // Room for every job at once, so all twenty really ask the cache together.
        settings["Limits:MaxConcurrentJobs"] = "32";
        Bot = await BotHarness.StartAsync(settings);
    }

    public virtual async Task DisposeAsync() => await Bot.DisposeAsync();

    [Fact]
    public async Task Twenty_users_sending_one_link_at_once_cause_one_download_and_one_upload()
    {
        var url = Bot.Site.AddPage("crowd", "Crowd", media: "/media/slow.mp4", durationSeconds: 8);
        var users = Enumerable.Range(0, Users).Select(i => Bot.Telegram.AddUser("User" + i)).ToList();

        foreach (var user in users)
        {
            Bot.Say(user, url);
        }

        var videos = await Task.WhenAll(users.Select(u => Bot.ReplyAsync(u, m => m.Kind == "video", seconds: 90)));
        await Bot.IdleAsync();

        Assert.Equal(1, Bot.Site.RequestsFor("/media/slow.mp4"));
        Assert.Equal(1, Bot.Site.RequestsFor("/watch/crowd"));
        Assert.Single(Bot.Telegram.Requests, IsUpload);
        Assert.Single(videos.Select(v => v.FileId).Distinct());
        Assert.All(users, u => Assert.Single(Bot.Telegram.Messages(u.Id), m => m.Kind == "video"));
    }

    [Fact]
    public async Task A_failure_is_reported_to_everyone_who_asked_but_tried_once()
    {
        // og:video points at a file the site does not have: the one download attempt fails, with a reason for all.
        var url = Bot.Site.AddPage("broken", "Broken", media: "/media/missing.mp4");
        var users = Enumerable.Range(0, 5).Select(i => Bot.Telegram.AddUser("User" + i)).ToList();

        foreach (var user in users)
        {
            Bot.Say(user, url);
        }

        var answers = await Task.WhenAll(users.Select(u => Bot.ReplyAsync(u, m => m.Kind == "text" && !IsStatus(m.Text), seconds: 60)));
        await Bot.IdleAsync();

        Assert.Single(answers.Select(a => a.Text).Distinct());
        Assert.Equal(1, Bot.Site.RequestsFor("/watch/broken"));
        Assert.DoesNotContain(Bot.Telegram.Requests, r => r.Method == "sendVideo");
    }

    /// <summary>A sendVideo that carries a file (the video, its thumbnail), not a file_id.</summary>
    internal static bool IsUpload(VideoBot.FakeTelegram.Api.LoggedRequest request) =>
        request.Method == "sendVideo" && request.Parameters.Values.Any(v => v.StartsWith("file name=", StringComparison.Ordinal));

    private static bool IsStatus(string? text) =>
        text is null || text.StartsWith("Extracting", StringComparison.Ordinal) || text.StartsWith("Downloading", StringComparison.Ordinal);
}

public sealed class Sharing_one_download_with_SQLite : Sharing_one_download
{
    protected override Task<Dictionary<string, string?>> LevelAsync() => Task.FromResult(new Dictionary<string, string?>());
}

public sealed class Sharing_one_download_with_Redis : Sharing_one_download
{
    private RedisServer? _redis;

    protected override async Task<Dictionary<string, string?>> LevelAsync()
    {
        _redis = await RedisServer.StartAsync();
        return new Dictionary<string, string?> { ["Cache:Redis"] = _redis.ConnectionString };
    }

    [Fact]
    public async Task The_answer_and_the_job_are_kept_in_Redis_not_in_SQLite()
    {
        var user = Bot.Telegram.AddUser("Ana");
        Bot.Say(user, Bot.Site.AddPage("where", "Where"));
        await Bot.ReplyAsync(user, m => m.Kind == "video");
        await Bot.IdleAsync();

        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis!.ConnectionString);
        var keys = redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: "videobot:*").Select(k => k.ToString()).ToList();
        Assert.Contains(keys, k => k.StartsWith("videobot:v1:fileid:video:best:", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.StartsWith("videobot:job:", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.Contains("/watch/", StringComparison.Ordinal));

        await using var connection = await new BotDatabase(Path.Combine(Bot.StorageDirectory, "bot.db")).OpenAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM cache_entries) + (SELECT COUNT(*) FROM jobs);";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
