using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.RateLimiting;

internal static class RateLimitingServices
{
    /// <summary>The setting naming the Redis server shared by several instances (also the cache's).</summary>
    public const string RedisSetting = "Cache:Redis";

    /// <summary>
    /// Binds <c>RateLimits</c> and registers the user and platform limiters: their buckets in Redis when <c>Cache:Redis</c> is set
    /// (shared by every instance), else in this process.
    /// </summary>
    public static IServiceCollection AddVideoBotRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var redis = configuration[RedisSetting];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectRedis(redis));
            services.AddSingleton<ITokenBuckets, RedisTokenBuckets>();
        }
        else
        {
            services.AddSingleton<ITokenBuckets, LocalTokenBuckets>();
        }

        services.AddSingleton<UserRateLimiter>();
        services.AddSingleton<PlatformRateLimiter>();
        return services;
    }

    /// <summary>Connects without failing when Redis is down at start: the client keeps reconnecting in the background.</summary>
    public static IConnectionMultiplexer ConnectRedis(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        return ConnectionMultiplexer.Connect(options);
    }
}
