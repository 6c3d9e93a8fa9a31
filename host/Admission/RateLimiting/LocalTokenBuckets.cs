using System.Threading.RateLimiting;

namespace VideoBot.Host.Admission.RateLimiting;

/// <summary>Token buckets of System.Threading.RateLimiting (<see cref="TokenBucketRateLimiter"/>), in this process.</summary>
internal sealed class LocalTokenBuckets : ITokenBuckets, IDisposable
{
    private readonly LimitersByPolicy _limiters = new(policy =>
    {
        // Made once per policy: the partitioner runs on every take.
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = policy.Capacity,
            TokensPerPeriod = policy.TokensPerPeriod,
            ReplenishmentPeriod = policy.Period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        Func<string, TokenBucketRateLimiterOptions> factory = _ => options;
        return partition => RateLimitPartition.GetTokenBucketLimiter(partition, factory);
    });

    public ValueTask<TokenDecision> TryTakeAsync(TokenBucketPolicy policy, string partition, int cost, CancellationToken cancellationToken)
    {
        using var lease = _limiters.For(policy).AttemptAcquire(partition, LimitersByPolicy.Permits(policy, cost));
        if (lease.IsAcquired)
        {
            return ValueTask.FromResult(TokenDecision.Allow);
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : policy.Period;
        return ValueTask.FromResult(new TokenDecision(false, wait > TimeSpan.Zero ? wait : policy.Period));
    }

    public void Dispose() => _limiters.Dispose();
}
