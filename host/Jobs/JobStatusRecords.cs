using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Jobs;

/// <summary>
/// Keeps the job record's note of the status message showing ("Extracting…", "Downloading…"), so a job resumed after a crash
/// (<c>kill -9</c>, a lost instance) removes the message the dead run left behind instead of leaving it in the chat forever.
/// The note is best-effort: a store that fails costs at most a stale status message, never the job.
/// </summary>
internal sealed partial class JobStatusRecords(IJobStore store, ILeftoverMessages messages, ILogger<JobStatusRecords> logger)
{
    /// <summary>Notes <paramref name="messageId"/> (null: no status message is showing now) for the job <paramref name="jobId"/>.</summary>
    public async Task RecordAsync(string? jobId, int? messageId)
    {
        if (jobId is null)
        {
            return;
        }

        try
        {
            await store.SetStatusMessageAsync(jobId, messageId, CancellationToken.None);
        }
        catch (JobStoreException e)
        {
            JobsLog.StoreFailed(logger, e);
        }
    }

    /// <summary>Deletes the status message an earlier run of <paramref name="job"/> left showing, if any, and forgets it.</summary>
    public async Task RemoveLeftoverAsync(JobRecord job, CancellationToken cancellationToken)
    {
        if (job.StatusMessageId is not { } messageId)
        {
            return;
        }

        if (await messages.DeleteAsync(job.ChatId, messageId, cancellationToken))
        {
            LogLeftoverRemoved(job.Id, messageId);
        }

        await RecordAsync(job.Id, null);
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Job {JobId} resumed: removed status message {MessageId} left by the earlier run")]
    private partial void LogLeftoverRemoved(string jobId, int messageId);
}
