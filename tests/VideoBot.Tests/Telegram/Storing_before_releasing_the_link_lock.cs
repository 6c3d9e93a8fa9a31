using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VideoBot.Host.Caching;
using VideoBot.Host.Hosting;
using VideoBot.Host.Jobs;
using VideoBot.Host.Telegram;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.Support;
using VideoBot.Host.Configuration;

namespace VideoBot.Tests.TelegramBot;

/// <summary>
/// Across instances, a link is fetched, its answer stored in Redis, and only then its lock released: at the moment another
/// instance can take the lock, the answer is already there to be found, so it never fetches the link a second time. Checked
/// on the real cache over a real redis-server, by looking into Redis as the lock is released.
/// </summary>
public sealed class Storing_before_releasing_the_link_lock
{
    [Fact]
    public async Task When_the_link_lock_is_released_the_answer_is_already_in_redis()
    {
        await using var redis = await RedisServer.StartAsync();
        using var storage = new TempFolder();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:Token"] = TelegramBot.Support.BotHarness.Token,
            ["Storage:Directory"] = storage.Path,
            ["Plugins:Watch"] = "false",
            ["Cache:Redis"] = redis.ConnectionString,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddVideoBotCore(configuration).AddVideoBotTelegram(configuration);
        var observed = new List<bool>();
        services.AddSingleton<IInstanceLocks>(sp => new ObservingLocks(
            new RedisInstanceLocks(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<JobsOptions>>()),
            sp.GetRequiredService<IDistributedCache>(),
            observed));
        await using var provider = services.BuildServiceProvider();
        var cache = provider.GetRequiredService<MediaCache>();
        var media = new CachedMedia([new SentFile(SentKind.Video, "file-1")], "caption");

        var answer = await cache.GetOrCreateAsync("https://example.com/v/1", "video:best", _ => Task.FromResult(media), CancellationToken.None);

        Assert.True(answer.CreatedHere);
        Assert.Equal([true], observed);
    }

    /// <summary>Real Redis locks that, as each is released, record whether the lock's key (the link's cache key) is in Redis.</summary>
    private sealed class ObservingLocks(IInstanceLocks inner, IDistributedCache redis, List<bool> observed) : IInstanceLocks
    {
        public bool IsShared => inner.IsShared;

        public async ValueTask<IAsyncDisposable> AcquireAsync(string name, TimeSpan timeout, CancellationToken cancellationToken) =>
            new Observed(await inner.AcquireAsync(name, timeout, cancellationToken), name, redis, observed);

        private sealed class Observed(IAsyncDisposable held, string key, IDistributedCache redis, List<bool> observed) : IAsyncDisposable
        {
            public async ValueTask DisposeAsync()
            {
                observed.Add(await redis.GetAsync(key) is { Length: > 0 });
                await held.DisposeAsync();
            }
        }
    }
}
