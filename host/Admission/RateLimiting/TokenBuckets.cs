using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace VideoBot.Host.Admission.RateLimiting;

/// <summary>The shape of one family of token buckets: <paramref name="Capacity"/> tokens, refilled <paramref name="TokensPerPeriod"/> every <paramref name="Period"/>.</summary>
/// <param name="Name">The family's name ("user", "platform"): part of its keys, so families never share a bucket.</param>
internal sealed record TokenBucketPolicy(string Name, int Capacity, int TokensPerPeriod, TimeSpan Period);

/// <summary>The answer of a bucket: taken, or not and when enough tokens will be back.</summary>
internal readonly record struct TokenDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static TokenDecision Allow => new(true, TimeSpan.Zero);
}

/// <summary>
/// Token buckets, one per (policy, partition): in this process (<see cref="LocalTokenBuckets"/>), or in Redis, shared by every
/// instance (<see cref="RedisTokenBuckets"/>). Taking never waits: the caller decides whether to wait or refuse.
/// </summary>
internal interface ITokenBuckets
{
    /// <summary>Takes <paramref name="cost"/> tokens (at most the capacity) from <paramref name="partition"/>'s bucket of <paramref name="policy"/>.</summary>
    ValueTask<TokenDecision> TryTakeAsync(TokenBucketPolicy policy, string partition, int cost, CancellationToken cancellationToken);
}

/// <summary>
/// One <see cref="PartitionedRateLimiter{TResource}"/> per policy, made on first use, with the partitioner
/// <paramref name="partitioner"/> makes for the policy (one limiter per user or platform). The partitioned limiter drops a
/// partition's limiter once it has been idle for 10 s (a local bucket counts as idle only when full again), so a bucket per
/// user ever seen does not pile up.
/// </summary>
internal sealed class LimitersByPolicy(Func<TokenBucketPolicy, Func<string, RateLimitPartition<string>>> partitioner) : IDisposable
{
    private readonly ConcurrentDictionary<TokenBucketPolicy, PartitionedRateLimiter<string>> _limiters = new();

    /// <summary>The policy's limiter.</summary>
    public PartitionedRateLimiter<string> For(TokenBucketPolicy policy) =>
        // The factory gets its state as an argument: a capturing lambda here would be allocated on every take.
        _limiters.GetOrAdd(policy, static (p, make) => PartitionedRateLimiter.Create(make(p)), partitioner);

    /// <summary>A cost the policy's bucket can ever hold: at least 1, at most its capacity (a bigger one takes the whole bucket).</summary>
    public static int Permits(TokenBucketPolicy policy, int cost) => Math.Clamp(cost, 1, policy.Capacity);

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
