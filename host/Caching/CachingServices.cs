using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Caching;

/// <summary>
/// Registers the cache: HybridCache over SQLite by default, over Redis when <c>Cache:Redis</c> is set. The choice is made
/// when the services are first resolved, from the bound options, so configuration added after registration counts too.
/// </summary>
internal static class CachingServices
{
    /// <summary>The prefix of every key the bot writes to Redis, so it can share a Redis with other programs.</summary>
    public const string RedisPrefix = "videobot:";

    public const string RedisKey = CacheOptions.Section + ":" + nameof(CacheOptions.Redis);

    public static IServiceCollection AddVideoBotCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CacheOptions>().Bind(configuration.GetSection(CacheOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddVideoBotRedis();
        services.AddHybridCache(hybrid =>
        {
            // A carousel's file_ids and caption are small; links are hashed into the key.
            hybrid.MaximumPayloadBytes = 1024 * 1024;
            hybrid.MaximumKeyLength = 512;
        });

        services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((redis, provider) =>
        {
            redis.InstanceName = RedisPrefix;
            redis.ConnectionMultiplexerFactory = () => Task.FromResult(provider.GetRequiredService<IConnectionMultiplexer>());
        });
        services.TryAddSingleton<RedisCache>();
        services.TryAddSingleton<SqliteDistributedCache>();
        services.TryAddSingleton<IDistributedCache>(sp => new PersistentLevel(
            UsesRedis(sp) ? sp.GetRequiredService<RedisCache>() : sp.GetRequiredService<SqliteDistributedCache>()));
        services.TryAddSingleton<IInstanceLocks>(sp => UsesRedis(sp)
            ? new RedisInstanceLocks(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<JobsOptions>>())
            : new LocalInstanceLocks());
        services.TryAddSingleton<MediaCache>();
        services.TryAddSingleton<LegacyFileIds>();
        return services;
    }

    /// <summary>True when <c>Cache:Redis</c> names a Redis: the cache and the job queue are then shared by every instance.</summary>
    public static bool UsesRedis(IServiceProvider services) =>
        !string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<CacheOptions>>().Value.Redis);

    /// <summary>
    /// The one Redis connection, from <c>Cache:Redis</c>, made when first needed. TryAdd, so whoever registers it first (the
    /// cache or the rate limiter) wins and all share it. It connects in the background and reconnects by itself, so a Redis
    /// that is down at start-up delays the work that needs it instead of failing the host.
    /// </summary>
    public static IServiceCollection AddVideoBotRedis(this IServiceCollection services)
    {
        services.TryAddSingleton<IConnectionMultiplexer>(sp =>
        {
            var connection = sp.GetRequiredService<IConfiguration>()[RedisKey];
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException($"{RedisKey} is not set: there is no Redis to connect to.");
            }

            var settings = ConfigurationOptions.Parse(connection);
            settings.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(settings);
        });
        return services;
    }
}
