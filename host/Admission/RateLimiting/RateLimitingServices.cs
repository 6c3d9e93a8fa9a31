using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using VideoBot.Host.Caching;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Admission.RateLimiting;

internal static class RateLimitingServices
{
    /// <summary>
    /// Binds <c>RateLimits</c> and registers the user and platform limiters: their buckets in Redis when <c>Cache:Redis</c> is set
    /// (RedisRateLimiting over the host's one connection, shared by every instance), else in this process
    /// (System.Threading.RateLimiting). The setting is read when the services are first resolved, not now:
    /// configuration added after this call (an override, a test's settings) still counts.
    /// </summary>
    public static IServiceCollection AddVideoBotRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddVideoBotRedis();
        services.AddSingleton<ITokenBuckets>(sp => RedisOf(sp) is null
            ? new LocalTokenBuckets()
            : new RedisTokenBuckets(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<ILogger<RedisTokenBuckets>>()));

        services.AddSingleton<UserRateLimiter>();
        services.AddSingleton<PlatformRateLimiter>();
        return services;
    }

    /// <summary><c>Cache:Redis</c>, or null when unset.</summary>
    private static string? RedisOf(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>()[CachingServices.RedisKey] is { } redis && !string.IsNullOrWhiteSpace(redis) ? redis : null;
}
