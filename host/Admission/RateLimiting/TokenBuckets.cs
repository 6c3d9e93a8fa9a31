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
