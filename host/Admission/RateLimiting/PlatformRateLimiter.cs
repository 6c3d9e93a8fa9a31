using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Admission;
using VideoBot.Host.Observability;

namespace VideoBot.Host.Admission.RateLimiting;

/// <summary>
/// The per-platform token bucket (<c>RateLimits:Platform*</c>), so a burst of users cannot get the bot banned by a site: a job
/// takes a token before extraction, waiting up to <c>RateLimits:PlatformMaxWaitSeconds</c> for one; a longer wait is refused
/// with "try again in N s".
/// </summary>
internal sealed class PlatformRateLimiter(
    ITokenBuckets buckets,
    IOptions<RateLimitOptions> options,
    TimeProvider time,
    BotMetrics metrics,
    ILogger<PlatformRateLimiter> logger)
{
    private readonly TokenBucketPolicy _policy = new(
        "platform", options.Value.PlatformBurst, options.Value.PlatformTokensPerPeriod, TimeSpan.FromSeconds(options.Value.PlatformPeriodSeconds));

    /// <summary>Waits for a token of <paramref name="platformId"/>'s bucket.</summary>
    /// <exception cref="LimitRefusal">The wait would be longer than allowed.</exception>
    public async Task WaitAsync(string platformId, string platformName, CancellationToken cancellationToken)
    {
        var budget = TimeSpan.FromSeconds(options.Value.PlatformMaxWaitSeconds);
        var waited = TimeSpan.Zero;
        while (true)
        {
            var decision = await buckets.TryTakeAsync(_policy, platformId, 1, cancellationToken);
            if (decision.Allowed)
            {
                return;
            }

            if (waited + decision.RetryAfter > budget)
            {
                metrics.RateLimited("platform");
                RateLimitLog.PlatformLimited(logger, platformId, decision.RetryAfter);
                throw new LimitRefusal(LimitRefusal.PlatformRate, decision.RetryAfter, $"platform {platformId} is over its rate limit", platformName);
            }

            RateLimitLog.PlatformWaiting(logger, platformId, decision.RetryAfter);
            await Task.Delay(decision.RetryAfter, time, cancellationToken);
            waited += decision.RetryAfter;
        }
    }
}
