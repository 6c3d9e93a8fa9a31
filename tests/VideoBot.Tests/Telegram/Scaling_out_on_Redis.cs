using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Telegram;
using VideoBot.Host.Telegram.Dispatch;
using VideoBot.Tests.Support;
using VideoBot.Tests.TelegramBot.Support;
using VideoBot.Host.Admission;
using VideoBot.Host.Pipeline;

namespace VideoBot.Tests.TelegramBot;

/// <summary>
/// Two bot instances in webhook mode behind a load balancer, sharing one real redis-server: every update reaches both of them
/// (the balancer delivers each one twice), and still every link is answered once (and costs its user one token of the shared
/// rate limit), one link is downloaded once, and a job interrupted on one instance is finished by the other.
/// </summary>
public sealed class Scaling_out_on_Redis : IAsyncLifetime
{
    private const string Path = "/telegram/hook";
    private const string Secret = "scale-out_secret";
    private RedisServer _redis = null!;
    private WebhookBalancer _balancer = null!;
    private BotHarness _first = null!;
    private BotHarness _second = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var ports = new[] { BotHarness.FreePort(), BotHarness.FreePort() };
        _balancer = await WebhookBalancer.StartAsync(Path, [.. ports.Select(p => new Uri($"http://127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"))]);
        _first = await BotHarness.StartAsync(Settings(ports[0]));
        _second = await BotHarness.StartAnotherAsync(_first, Settings(ports[1]));
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _balancer.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private Dictionary<string, string?> Settings(int port) => new()
    {
        ["urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
        ["Telegram:Mode"] = "webhook",
        ["Telegram:WebhookUrl"] = _balancer.Url.AbsoluteUri,
        ["Telegram:WebhookSecret"] = Secret,
        ["Cache:Redis"] = _redis.ConnectionString,
        ["Limits:MaxConcurrentJobs"] = "16",
        // One link per user at once: a second delivery that took a token too would find the user's shared bucket empty and
        // answer "over the limit" beside the video.
        ["RateLimits:UserBurst"] = "1",
        ["Jobs:RecoverySeconds"] = "1",
        // Renewed every third of it: 6 s leaves a loaded machine 4 s of lateness before the other instance takes a job over.
        ["Jobs:LeaseSeconds"] = "6",
    };


    [Fact]
    public async Task A_burst_of_links_delivered_to_both_instances_is_processed_exactly_once()
    {
        const int count = 12;
        var users = Enumerable.Range(0, count).Select(i => _first.Telegram.AddUser("User" + i)).ToList();
        var links = Enumerable.Range(0, count).Select(i => _first.Site.AddPage("burst-" + i, "Burst " + i)).ToList();

        for (var i = 0; i < count; i++)
        {
            _first.Say(users[i], links[i]);
        }

        var videos = await Task.WhenAll(users.Select(u => _first.ReplyAsync(u, m => m.Kind == "video", seconds: 90)));
        await Task.WhenAll(_first.IdleAsync(), _second.IdleAsync());
        await _first.Telegram.WaitForAsync(() => _first.Telegram.PendingUpdateCount == 0 ? "all" : null, TimeSpan.FromSeconds(30), "every update confirmed");

        for (var i = 0; i < count; i++)
        {
            Assert.Equal($"Burst {i}\nFixture TV\nSource", videos[i].Caption);
            Assert.Equal(["video"], _first.Telegram.Messages(users[i].Id).Select(m => m.Kind));
            Assert.Equal(1, _first.Site.RequestsFor("/watch/burst-" + i));
        }

        Assert.Equal(count, _first.Telegram.Requests.Count(Sharing_one_download.IsUpload));
        Assert.Equal(count, _first.Site.RequestsFor("/media/clip.mp4"));
        // Both instances worked, and each update's second delivery was acknowledged without doing anything.
        var done = new[] { Stats(_first).Succeeded, Stats(_second).Succeeded };
        Assert.Equal(count, done.Sum());
        Assert.All(done, d => Assert.True(d > 0, $"one instance did nothing: {done[0]} and {done[1]}"));
        Assert.Equal(count, _balancer.RepeatAnswers.Count);
        Assert.All(_balancer.RepeatAnswers, a => Assert.Equal(HttpStatusCode.OK, a));
    }

    [Fact]
    public async Task One_link_sent_through_both_instances_at_once_is_downloaded_and_uploaded_once()
    {
        var url = _first.Site.AddPage("shared", "Shared", media: "/media/slow.mp4", durationSeconds: 8);
        var users = Enumerable.Range(0, 8).Select(i => _first.Telegram.AddUser("User" + i)).ToList();

        foreach (var user in users)
        {
            _first.Say(user, url);
        }

        var videos = await Task.WhenAll(users.Select(u => _first.ReplyAsync(u, m => m.Kind == "video", seconds: 90)));
        await Task.WhenAll(_first.IdleAsync(), _second.IdleAsync());

        Assert.Equal(1, _first.Site.RequestsFor("/media/slow.mp4"));
        Assert.Single(_first.Telegram.Requests, Sharing_one_download.IsUpload);
        Assert.Single(videos.Select(v => v.FileId).Distinct());
        Assert.True(Stats(_first).CacheHits + Stats(_second).CacheHits == users.Count - 1);
    }

    [Fact]
    public async Task A_job_interrupted_on_one_instance_is_finished_by_the_other()
    {
        _first.Site.SlowChunkDelay = TimeSpan.FromMilliseconds(400);
        var user = _first.Telegram.AddUser("Ana");
        _first.Say(user, _first.Site.AddPage("handover", "Handover", media: "/media/slow.mp4", durationSeconds: 8));
        await _first.ReplyAsync(user, m => m.Text?.StartsWith("Downloading", StringComparison.Ordinal) == true);
        var (working, other) = Tracker(_first).Count > 0 ? (_first, _second) : (_second, _first);
        Assert.Equal(1, Tracker(working).Count);

        _first.Site.SlowChunkDelay = TimeSpan.FromMilliseconds(20);
        await working.StopBotAsync();
        var video = await _first.ReplyAsync(user, m => m.Kind == "video", seconds: 60);
        await other.IdleAsync();

        Assert.Equal("Handover\nFixture TV\nSource", video.Caption);
        Assert.Single(_first.Telegram.Messages(user.Id), m => m.Kind == "video");
        Assert.Equal(1, Stats(other).Succeeded);
    }

    private static BotStats Stats(BotHarness bot) => bot.App!.Services.GetRequiredService<BotStats>();

    private static JobTracker Tracker(BotHarness bot) => bot.App!.Services.GetRequiredService<JobTracker>();

}
