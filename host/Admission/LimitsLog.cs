using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Admission;

internal static partial class LimitsLog
{
    [LoggerMessage(2101, LogLevel.Warning, "A job was refused: {Problem}")]
    public static partial void DiskRefused(ILogger logger, string problem);

    [LoggerMessage(2102, LogLevel.Information, "Removed {Count} leftover(s) of an earlier run from {Directory}")]
    public static partial void LeftoversRemoved(ILogger logger, int count, string directory);

    [LoggerMessage(2103, LogLevel.Warning, "Could not remove the leftover {Path}")]
    public static partial void LeftoverNotRemoved(ILogger logger, Exception exception, string path);

    [LoggerMessage(2104, LogLevel.Information, "A message was refused: the job queue is full; told to retry in {RetryAfter}")]
    public static partial void QueueFull(ILogger logger, TimeSpan retryAfter);

    // The slots run each job, so a job that crashes past every handler is logged where its slot is freed.
    [LoggerMessage(17, LogLevel.Error, "A job crashed")]
    public static partial void JobCrashed(ILogger logger, Exception exception);
}
