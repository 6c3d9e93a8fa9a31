using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Admission;
using VideoBot.Host.Configuration;
using VideoBot.Host.Extraction;
using VideoBot.Host.Jobs;
using VideoBot.Host.Messages;
using VideoBot.Host.Pipeline.Output;

namespace VideoBot.Host.Pipeline.Stages;

/// <summary>
/// A full job's other endings: stopped (by the user's /cancel, or by the host's shutdown, after which the job is resumed at the
/// next start) and failed. The status message keeps the last word, in the user's language; a quiet job's failure is a
/// reaction instead. The operator's log tells an expected failure (the site's or the media's doing) from a bug.
/// </summary>
internal sealed class FinishStage(
    JobTracker jobs,
    JobStatusRecords statusRecords,
    ErrorMessages errors,
    IChatReplies replies,
    MessageCatalog messages,
    BotStats stats,
    IOptions<TelegramOptions> telegram,
    ILogger<FinishStage> logger)
{
    public async Task StoppedAsync(LinkRequest request, IStatusMessage status, ObservedJob job)
    {
        job.Finish(jobs.IsStopping ? "interrupted" : "cancelled");
        await status.FinishAsync(messages.Html(request.Language, jobs.IsStopping ? "status.interrupted" : "error.cancelled"));
        if (!jobs.IsStopping)
        {
            stats.Cancellation();
        }
    }

    /// <param name="failure">What the user is told about.</param>
    /// <param name="logged">What the log's detail shows (for a time-out, where it struck).</param>
    public async Task FailedAsync(LinkRequest request, IStatusMessage status, string key, Exception failure, Exception logged)
    {
        if (ErrorMessages.IsExpected(failure))
        {
            PipelineLog.JobFailed(logger, key, ErrorMessages.KindOf(failure), PluginText.Cut(failure.Message, PluginText.MaxMessage)!);
            PipelineLog.JobFailedDetail(logger, logged, key);
        }
        else
        {
            PipelineLog.JobError(logger, logged, key);
        }

        stats.Failure();
        if (request.Quiet)
        {
            await status.DeleteAsync();
            await replies.ReactFailedAsync(request.Chat, request.ReplyTo, CancellationToken.None);
            return;
        }

        await status.FinishAsync(errors.Describe(failure, request.Language, telegram.Value.UploadLimit));

        // The error is the link's answer now: a resume must not remove it.
        await statusRecords.RecordAsync(request.JobId, null);
    }
}
