using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Admission;
using VideoBot.Host.Observability;

namespace VideoBot.Host.Admission.RateLimiting;

/// <summary>
/// The per-user token bucket (<c>RateLimits:User*</c>): each link a user sends takes a token; an empty bucket refuses the
/// message and says when to try again. Admins (<c>Telegram:AdminIds</c>) are exempt.
/// </summary>
internal sealed class UserRateLimiter(
    ITokenBuckets buckets,
    IOptions<RateLimitOptions> options,
    IOptions<TelegramOptions> telegram,
    BotMetrics metrics,
    ILogger<UserRateLimiter> logger)
{
    private readonly TokenBucketPolicy _policy = new(
        "user", options.Value.UserBurst, options.Value.UserTokensPerPeriod, TimeSpan.FromSeconds(options.Value.UserPeriodSeconds));

    /// <summary>Takes <paramref name="links"/> tokens from the user's bucket.</summary>
    /// <exception cref="LimitRefusal">The bucket is empty; <see cref="LimitRefusal.RetryAfter"/> says when enough is back.</exception>
    public async Task AdmitAsync(long userId, int links, CancellationToken cancellationToken)
    {
        if (telegram.Value.AdminIds.Contains(userId))
        {
            return;
        }

        var decision = await buckets.TryTakeAsync(_policy, userId.ToString(System.Globalization.CultureInfo.InvariantCulture), links, cancellationToken);
        if (!decision.Allowed)
        {
            metrics.RateLimited("user");
            RateLimitLog.UserLimited(logger, decision.RetryAfter);
            throw new LimitRefusal(LimitRefusal.UserRate, decision.RetryAfter, "the user is over the link rate limit");
        }
    }
}
