using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Jobs;

/// <summary>The job queue's log events, source-generated.</summary>
internal static partial class JobsLog
{
    [LoggerMessage(101, LogLevel.Information, "Update {JobId} is a job already (delivered again); not starting it twice")]
    public static partial void Duplicate(ILogger logger, string jobId);

    [LoggerMessage(102, LogLevel.Information, "Resuming job {JobId} (attempt {Attempt}, {Done} of {Count} links done)")]
    public static partial void Resuming(ILogger logger, string jobId, int attempt, int done, int count);

    [LoggerMessage(103, LogLevel.Warning, "Job {JobId} was started {Attempts} times without finishing; telling the user and dropping it")]
    public static partial void GivingUp(ILogger logger, string jobId, int attempts);

    [LoggerMessage(104, LogLevel.Warning, "Lost the lease on job {JobId}; another instance may take it over")]
    public static partial void LeaseLost(ILogger logger, string jobId);

    [LoggerMessage(105, LogLevel.Warning, "The job queue failed; retrying")]
    public static partial void StoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(106, LogLevel.Information, "Released {Count} unfinished job(s) for the next instance to resume")]
    public static partial void Released(ILogger logger, int count);

    [LoggerMessage(107, LogLevel.Warning, "Could not tell the user of job {JobId} that it was dropped")]
    public static partial void TellFailed(ILogger logger, Exception exception, string jobId);
}
