using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace VideoBot.Host.Admission.RateLimiting;

/// <summary>
/// Token buckets in Redis, shared by every instance: each take is one atomic Lua script (read, refill, take, write), so two
/// instances can never both spend the last token. Time comes from the caller's clock, so instances should keep theirs in sync
/// (NTP). When Redis cannot be reached the take is allowed: an outage of the limiter must not lock every user out.
/// </summary>
internal sealed class RedisTokenBuckets(IConnectionMultiplexer redis, TimeProvider time, ILogger<RedisTokenBuckets> logger) : ITokenBuckets
{
    /// <summary>The key prefix of every bucket.</summary>
    public const string KeyPrefix = "videobot:ratelimit:";

    // KEYS[1] bucket; ARGV: capacity, tokens per period, period (ms), now (ms), cost. Returns { allowed (0/1), retry after (ms) }.
    // The bucket is a hash { tokens, ts }: ts is when the current refill period started.
    private const string Script = """
        local capacity = tonumber(ARGV[1])
        local refill = tonumber(ARGV[2])
        local period = tonumber(ARGV[3])
        local now = tonumber(ARGV[4])
        local cost = tonumber(ARGV[5])
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
        local tokens = tonumber(state[1])
        local ts = tonumber(state[2])
        if tokens == nil or ts == nil then
          tokens = capacity
          ts = now
        end
        if now > ts then
          local periods = math.floor((now - ts) / period)
          if periods > 0 then
            tokens = math.min(capacity, tokens + periods * refill)
            ts = ts + periods * period
          end
        end
        if tokens >= capacity then
          ts = now
        end
        local allowed = 0
        local wait = 0
        if tokens >= cost then
          tokens = tokens - cost
          allowed = 1
        else
          local needed = math.ceil((cost - tokens) / refill)
          wait = needed * period - math.max(0, now - ts)
          if wait < 1 then wait = 1 end
        end
        redis.call('HSET', KEYS[1], 'tokens', tokens, 'ts', ts)
        redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / refill) * period + period)
        return { allowed, wait }
        """;

    public async ValueTask<TokenDecision> TryTakeAsync(TokenBucketPolicy policy, string partition, int cost, CancellationToken cancellationToken)
    {
        var key = (RedisKey)KeyOf(policy, partition);
        RedisValue[] args =
        [
            policy.Capacity,
            policy.TokensPerPeriod,
            (long)policy.Period.TotalMilliseconds,
            time.GetUtcNow().ToUnixTimeMilliseconds(),
            Math.Clamp(cost, 1, policy.Capacity),
        ];
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script, [key], args).WaitAsync(cancellationToken))!;
            var allowed = (long)result[0] == 1;
            return allowed ? TokenDecision.Allow : new TokenDecision(false, TimeSpan.FromMilliseconds((long)result[1]));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            RateLimitLog.RedisUnavailable(logger, e, policy.Name);
            return TokenDecision.Allow;
        }
    }

    /// <summary>For logs and tests: the key a partition's bucket lives under.</summary>
    public static string KeyOf(TokenBucketPolicy policy, string partition) =>
        string.Create(CultureInfo.InvariantCulture, $"{KeyPrefix}{policy.Name}:{partition}");
}
