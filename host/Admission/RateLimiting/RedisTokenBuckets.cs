using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using RedisRateLimiting;
using StackExchange.Redis;

namespace VideoBot.Host.Admission.RateLimiting;

/// <summary>
/// Token buckets in Redis, shared by every instance: RedisRateLimiting's <see cref="RedisTokenBucketRateLimiter{TKey}"/> over the
/// host's one connection. Each take is one atomic Lua script (read, refill, take, write), so two instances can never both
/// spend the last token. Its clock is the machine's (<see cref="DateTimeOffset.UtcNow"/>), so instances should keep theirs in
/// sync (NTP). When Redis cannot be reached the take is allowed: an outage of the limiter must not lock every user out.
/// </summary>
internal sealed class RedisTokenBuckets : ITokenBuckets, IDisposable
{
    /// <summary>The start of every bucket's partition key; RedisRateLimiting stores it as <c>rl:tb:{key}</c> and <c>rl:tb:{key}:ts</c>.</summary>
    public const string KeyPrefix = "videobot:ratelimit:";

    private readonly LimitersByPolicy _limiters;
    private readonly ILogger<RedisTokenBuckets> _logger;

    public RedisTokenBuckets(IConnectionMultiplexer redis, ILogger<RedisTokenBuckets> logger)
    {
        _logger = logger;
        _limiters = new(policy =>
        {
            // Made once per policy: the partitioner runs on every take. The Redis key is built only when a partition's
            // limiter is (again) made.
            var options = new RedisTokenBucketRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis,
                TokenLimit = policy.Capacity,
                TokensPerPeriod = policy.TokensPerPeriod,
                ReplenishmentPeriod = policy.Period,
            };
            Func<string, RateLimiter> limiter = partition => new RedisTokenBucketRateLimiter<string>(PartitionKey(policy, partition), options);
            return partition => RateLimitPartition.Get(partition, limiter);
        });
    }

    public async ValueTask<TokenDecision> TryTakeAsync(TokenBucketPolicy policy, string partition, int cost, CancellationToken cancellationToken)
    {
        var permits = LimitersByPolicy.Permits(policy, cost);
        try
        {
            // Only AcquireAsync asks Redis (the library's AttemptAcquire always refuses); it never queues, but it does not
            // watch the token either, so the caller's cancellation ends the wait here.
            using var lease = await _limiters.For(policy).AcquireAsync(partition, permits, cancellationToken).AsTask().WaitAsync(cancellationToken);
            return lease.IsAcquired ? TokenDecision.Allow : new TokenDecision(false, RetryAfter(lease, policy, permits));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            RateLimitLog.RedisUnavailable(_logger, e, policy.Name);
            return TokenDecision.Allow;
        }
    }

    public void Dispose() => _limiters.Dispose();

    /// <summary>The partition key of a bucket: the policy's name in it, so the user and platform buckets of one id differ.</summary>
    public static string PartitionKey(TokenBucketPolicy policy, string partition) =>
        string.Create(CultureInfo.InvariantCulture, $"{KeyPrefix}{policy.Name}:{partition}");

    /// <summary>
    /// When enough tokens for <paramref name="permits"/> are back. The lease tells the whole seconds until the bucket's next
    /// refill and the tokens it holds; a cost that one refill does not cover waits as many more periods as it still lacks.
    /// </summary>
    private static TimeSpan RetryAfter(RateLimitLease lease, TokenBucketPolicy policy, int permits)
    {
        var next = lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : policy.Period;
        var held = lease.TryGetMetadata(RateLimitMetadataName.Remaining, out var remaining) ? remaining : 0;
        var refills = (permits - held + policy.TokensPerPeriod - 1) / policy.TokensPerPeriod;
        return next + policy.Period * Math.Max(0, refills - 1);
    }
}
