using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VideoBot.Host.Admission;
using VideoBot.Host.Admission.RateLimiting;
using VideoBot.Host.Configuration;
using VideoBot.Host.Observability;
using VideoBot.Tests.Plugins.HotSwap;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.RateLimiting;

/// <summary>
/// The Redis buckets as the host registers them (<c>Cache:Redis</c> set), with a real redis-server stopped in the middle of
/// the run: while it is gone the user and platform limits let everyone through and the log says why; once a redis-server is
/// back on its port, the limits hold again over the same connection.
/// </summary>
public sealed class Letting_users_through_while_redis_is_down : IAsyncLifetime
{
    private const long User = 42;
    private readonly LogSink _log = new();
    private RedisServer _redis = null!;
    private ServiceProvider _services = null!;
    private UserRateLimiter _users = null!;
    private PlatformRateLimiter _platforms = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Short timeouts, so each take while Redis is gone gives up in half a second rather than the default five.
            ["Cache:Redis"] = $"{_redis.ConnectionString},connectTimeout=500,asyncTimeout=500,syncTimeout=500",
            ["RateLimits:UserBurst"] = "1",
            ["RateLimits:UserPeriodSeconds"] = "3600",
            ["RateLimits:PlatformBurst"] = "1",
            ["RateLimits:PlatformPeriodSeconds"] = "3600",
            ["RateLimits:PlatformMaxWaitSeconds"] = "0",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(_log))
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<BotMetrics>()
            .AddSingleton(Options.Create(new TelegramOptions()));
        services.AddVideoBotRateLimiting(configuration);
        _services = services.BuildServiceProvider();
        _users = _services.GetRequiredService<UserRateLimiter>();
        _platforms = _services.GetRequiredService<PlatformRateLimiter>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_redis_stopped_mid_run_lets_users_and_platforms_through_and_the_log_says_why()
    {
        Assert.Null(await UserRefusalAsync());
        Assert.NotNull(await UserRefusalAsync());
        Assert.Null(await PlatformRefusalAsync());
        Assert.NotNull(await PlatformRefusalAsync());
        Assert.DoesNotContain(_log.Lines, l => l.Message.Contains("could not be reached", StringComparison.Ordinal));

        await _redis.DisposeAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await UserRefusalAsync());
            Assert.Null(await PlatformRefusalAsync());
        }

        var warnings = _log.Lines.Where(l => l.Level == LogLevel.Warning && l.Category == typeof(RedisTokenBuckets).FullName).Select(l => l.Message).ToList();
        Assert.Contains("Redis could not be reached for the user rate limit; allowing the request", warnings);
        Assert.Contains("Redis could not be reached for the platform rate limit; allowing the request", warnings);
    }

    [Fact]
    public async Task Once_redis_is_back_on_its_port_the_limit_holds_again()
    {
        var port = _redis.Port;
        Assert.Null(await UserRefusalAsync());
        await _redis.DisposeAsync();
        Assert.Null(await UserRefusalAsync());

        _redis = await RedisServer.StartAsync(port);

        // The connection finds the new server by itself; until it has, takes are let through. The new server's bucket is
        // full: one take, then a refusal, which only a reachable Redis can give.
        LimitRefusal? refused = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (refused is null && DateTime.UtcNow < deadline)
        {
            refused = await UserRefusalAsync();
            await Task.Delay(100);
        }

        Assert.NotNull(refused);
        Assert.Equal(LimitRefusal.UserRate, refused.Key);
        await using var check = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        Assert.True(await check.GetDatabase().KeyExistsAsync($"rl:tb:{{{RedisTokenBuckets.KeyPrefix}user:{User}}}"));
    }

    private async Task<LimitRefusal?> UserRefusalAsync()
    {
        try
        {
            await _users.AdmitAsync(User, 1, CancellationToken.None);
            return null;
        }
        catch (LimitRefusal refusal)
        {
            return refusal;
        }
    }

    private async Task<LimitRefusal?> PlatformRefusalAsync()
    {
        try
        {
            await _platforms.WaitAsync("clips", "Clips", CancellationToken.None);
            return null;
        }
        catch (LimitRefusal refusal)
        {
            return refusal;
        }
    }
}
