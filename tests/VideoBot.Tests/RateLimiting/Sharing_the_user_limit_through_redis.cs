using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VideoBot.Host.Configuration;
using VideoBot.Host.Admission;
using VideoBot.Host.Observability;
using VideoBot.Host.Admission.RateLimiting;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.RateLimiting;

/// <summary>
/// The per-user limit in Redis: two limiters, each with its own connection (two instances of the bot), against one real
/// redis-server, spend one shared bucket; the bucket refills with time. RedisRateLimiting reads the machine's clock, not a
/// <see cref="TimeProvider"/>, so time passes for a bucket by moving its last refill back (<see cref="AdvanceAsync"/>).
/// </summary>
public sealed class Sharing_the_user_limit_through_redis : IAsyncLifetime
{
    private readonly List<RedisTokenBuckets> _buckets = [];
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _first = null!;
    private ConnectionMultiplexer _second = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _first = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        _second = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        _buckets.ForEach(b => b.Dispose());
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private UserRateLimiter Limiter(IConnectionMultiplexer connection, params long[] admins)
    {
        var buckets = new RedisTokenBuckets(connection, NullLogger<RedisTokenBuckets>.Instance);
        _buckets.Add(buckets);
        return new(
            buckets,
            Options.Create(new RateLimitOptions { UserBurst = 3, UserTokensPerPeriod = 1, UserPeriodSeconds = 10 }),
            Options.Create(new TelegramOptions { AdminIds = [.. admins] }),
            new BotMetrics(),
            NullLogger<UserRateLimiter>.Instance);
    }

    /// <summary>The Redis key of a user's bucket, as RedisRateLimiting names it (its last refill's time is under <c>KEY:ts</c>).</summary>
    private static string Key(long user) => $"rl:tb:{{{RedisTokenBuckets.KeyPrefix}user:{user}}}";

    /// <summary>
    /// The retry-after of a bucket spent <paramref name="spent"/> ago, with <paramref name="expected"/> left on a still clock:
    /// on the machine's clock, less the time that really passed since (whole seconds, rounded up), and never more.
    /// </summary>
    private static void AssertRetryAfter(TimeSpan expected, TimeSpan actual, Stopwatch spent) =>
        Assert.InRange(actual, expected - spent.Elapsed, expected);

    /// <summary>Lets <paramref name="time"/> pass for a user's bucket: its last refill (Unix milliseconds) moves that far back.</summary>
    private Task AdvanceAsync(long user, TimeSpan time) =>
        _first.GetDatabase().StringDecrementAsync(Key(user) + ":ts", (long)time.TotalMilliseconds);

    private static async Task<LimitRefusal?> RefusalAsync(UserRateLimiter limiter, long user, int links = 1)
    {
        try
        {
            await limiter.AdmitAsync(user, links, CancellationToken.None);
            return null;
        }
        catch (LimitRefusal refusal)
        {
            return refusal;
        }
    }

    [Fact]
    public async Task Two_instances_spend_one_bucket_and_the_one_over_it_is_told_when_to_retry()
    {
        var a = Limiter(_first);
        var b = Limiter(_second);

        var spent = Stopwatch.StartNew();
        Assert.Null(await RefusalAsync(a, 42));
        Assert.Null(await RefusalAsync(b, 42));
        Assert.Null(await RefusalAsync(a, 42));
        var refused = await RefusalAsync(b, 42);

        Assert.NotNull(refused);
        Assert.Equal(LimitRefusal.UserRate, refused.Key);
        AssertRetryAfter(TimeSpan.FromSeconds(10), refused.RetryAfter, spent);
        Assert.NotNull(await RefusalAsync(a, 42));
    }

    [Fact]
    public async Task The_shared_bucket_refills_with_time_for_both_instances()
    {
        var a = Limiter(_first);
        var b = Limiter(_second);
        var spent = Stopwatch.StartNew();
        Assert.Null(await RefusalAsync(a, 7, links: 3));
        Assert.NotNull(await RefusalAsync(b, 7));

        await AdvanceAsync(7, TimeSpan.FromSeconds(4));
        var early = await RefusalAsync(b, 7);
        AssertRetryAfter(TimeSpan.FromSeconds(6), early!.RetryAfter, spent);

        await AdvanceAsync(7, TimeSpan.FromSeconds(6));
        Assert.Null(await RefusalAsync(b, 7));
        Assert.NotNull(await RefusalAsync(a, 7));
    }

    [Fact]
    public async Task A_message_with_more_links_than_one_refill_brings_is_told_to_wait_for_all_of_them()
    {
        var a = Limiter(_first);
        var spent = Stopwatch.StartNew();
        Assert.Null(await RefusalAsync(a, 8, links: 3));

        AssertRetryAfter(TimeSpan.FromSeconds(30), (await RefusalAsync(a, 8, links: 3))!.RetryAfter, spent);
        AssertRetryAfter(TimeSpan.FromSeconds(20), (await RefusalAsync(a, 8, links: 2))!.RetryAfter, spent);
        AssertRetryAfter(TimeSpan.FromSeconds(10), (await RefusalAsync(a, 8))!.RetryAfter, spent);
    }

    [Fact]
    public async Task Concurrent_takes_from_two_instances_never_overspend_the_bucket()
    {
        var a = Limiter(_first);
        var b = Limiter(_second);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => RefusalAsync(i % 2 == 0 ? a : b, 99)));

        Assert.Equal(3, results.Count(r => r is null));
    }

    [Fact]
    public async Task Users_have_separate_buckets_and_admins_none()
    {
        var a = Limiter(_first, admins: 1);
        var b = Limiter(_second, admins: 1);
        Assert.Null(await RefusalAsync(a, 5, links: 3));
        Assert.NotNull(await RefusalAsync(b, 5));

        Assert.Null(await RefusalAsync(b, 6));
        for (var i = 0; i < 10; i++)
        {
            Assert.Null(await RefusalAsync(i % 2 == 0 ? a : b, 1));
        }
    }

    [Fact]
    public async Task The_bucket_is_stored_under_a_key_that_expires()
    {
        var a = Limiter(_first);
        await RefusalAsync(a, 11);

        foreach (var key in new[] { Key(11), Key(11) + ":ts" })
        {
            var ttl = await _first.GetDatabase().KeyTimeToLiveAsync(key);

            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(40));
        }
    }

    [Fact]
    public async Task Without_redis_the_limiter_lets_users_through()
    {
        await using var gone = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { { "127.0.0.1", 1 } },
            AbortOnConnectFail = false,
            ConnectTimeout = 200,
            SyncTimeout = 200,
            AsyncTimeout = 200,
        });
        var limiter = Limiter(gone);

        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await RefusalAsync(limiter, 3));
        }
    }
}
