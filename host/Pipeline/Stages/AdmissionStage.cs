using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Admission;
using VideoBot.Host.Configuration;
using VideoBot.Host.Jobs;
using VideoBot.Host.Messages;
using VideoBot.Host.Pipeline.Output;
using VideoBot.Host.Routing;

namespace VideoBot.Host.Pipeline.Stages;

/// <summary>
/// The admission stage of a full job: one of <c>Limits:MaxConcurrentJobs</c> slots (waited for before the clock starts: the
/// time limit is for the work, not for the queue ahead of it), the status message with its record in the job, then the
/// platform's guard (its rate limit and circuit breaker), which may hold the job back with "waiting" or refuse it.
/// </summary>
internal sealed class AdmissionStage(
    JobTracker jobs,
    JobGuard guard,
    IStatusOutput statuses,
    JobStatusRecords statusRecords,
    MessageCatalog messages,
    HostPaths paths,
    IOptions<LimitsOptions> limits,
    ILogger<JobWorkspace> logger)
{
    /// <summary>Takes a slot and opens the job's workspace; a job cancelled while it waited is recorded so, and rethrown.</summary>
    public async Task<JobWorkspace> OpenAsync(LinkRequest request, ObservedJob job, CancellationToken cancellationToken)
    {
        IDisposable slot;
        try
        {
            slot = await jobs.TakeSlotAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            job.Finish(jobs.IsStopping ? "interrupted" : "cancelled");
            throw;
        }

        var started = Stopwatch.GetTimestamp();
        var timeLimit = TimeSpan.FromMinutes(limits.Value.JobTimeoutMinutes);
        var clock = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        IStatusMessage? status = null;
        try
        {
            clock.CancelAfter(timeLimit);
            var directory = Path.Combine(paths.TempDirectory, "job-" + Guid.NewGuid().ToString("N"));
            status = await statuses.SendAsync(request, messages.Html(request.Language, "status.extracting"), clock.Token);
            await statusRecords.RecordAsync(request.JobId, status.MessageId);
            return new JobWorkspace(slot, clock, timeLimit, started, directory, status, logger);
        }
        catch
        {
            if (status is not null)
            {
                await status.DisposeAsync();
            }

            clock.Dispose();
            slot.Dispose();
            throw;
        }
    }

    /// <summary>Passes the platform's guard; the result is held until the job ends.</summary>
    public Task<IDisposable> EnterAsync(LinkRequest request, Platform platform, JobWorkspace work) =>
        guard.EnterAsync(platform.Key, platform.Name, () => work.Status.Show(messages.Html(request.Language, "status.waiting")), work.Token);
}
