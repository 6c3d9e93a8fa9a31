using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Admission.RateLimiting;

internal static partial class RateLimitLog
{
    [LoggerMessage(2001, LogLevel.Warning, "Redis could not be reached for the {Policy} rate limit; allowing the request")]
    public static partial void RedisUnavailable(ILogger logger, Exception exception, string policy);

    [LoggerMessage(2002, LogLevel.Information, "A user is over the link rate limit; told to retry in {RetryAfter}")]
    public static partial void UserLimited(ILogger logger, TimeSpan retryAfter);

    [LoggerMessage(2003, LogLevel.Information, "Platform {Platform} is over its rate limit; waiting {Wait}")]
    public static partial void PlatformWaiting(ILogger logger, string platform, TimeSpan wait);

    [LoggerMessage(2004, LogLevel.Warning, "Platform {Platform} is over its rate limit for longer than the job may wait ({RetryAfter})")]
    public static partial void PlatformLimited(ILogger logger, string platform, TimeSpan retryAfter);
}
