using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace VideoBot.Host.Admission.RateLimiting;

/// <summary>Token buckets of System.Threading.RateLimiting, in this process: one partitioned limiter per policy.</summary>
internal sealed class LocalTokenBuckets : ITokenBuckets, IDisposable
{
    private readonly ConcurrentDictionary<TokenBucketPolicy, PartitionedRateLimiter<string>> _limiters = new();

    public ValueTask<TokenDecision> TryTakeAsync(TokenBucketPolicy policy, string partition, int cost, CancellationToken cancellationToken)
    {
        var limiter = _limiters.GetOrAdd(policy, Create);
        using var lease = limiter.AttemptAcquire(partition, Math.Clamp(cost, 1, policy.Capacity));
        if (lease.IsAcquired)
        {
            return ValueTask.FromResult(TokenDecision.Allow);
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : policy.Period;
        return ValueTask.FromResult(new TokenDecision(false, wait > TimeSpan.Zero ? wait : policy.Period));
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private static PartitionedRateLimiter<string> Create(TokenBucketPolicy policy) =>
        PartitionedRateLimiter.Create<string, string>(partition => RateLimitPartition.GetTokenBucketLimiter(partition, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = policy.Capacity,
                TokensPerPeriod = policy.TokensPerPeriod,
                ReplenishmentPeriod = policy.Period,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
}
