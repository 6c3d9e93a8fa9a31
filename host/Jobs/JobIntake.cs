using Microsoft.Extensions.Logging;
using VideoBot.Host.Admission;

namespace VideoBot.Host.Jobs;

/// <summary>What became of an accepted message.</summary>
internal enum IntakeResult
{
    /// <summary>Stored and started (or waiting for a slot).</summary>
    Started,

    /// <summary>The same update is a job already, here or on another instance: nothing to do.</summary>
    Duplicate,

    /// <summary>The user has too many jobs; nothing was kept.</summary>
    Busy,

    /// <summary>The host is stopping: the job is stored, unstarted, for the next start (or another instance) to run.</summary>
    Deferred,
}

/// <summary>
/// Turns an accepted message into a job: stored first (so the update may be confirmed to Telegram), then admitted by the
/// limits, then started. A store failure propagates as <see cref="JobStoreException"/>: the update is then not confirmed, and
/// Telegram sends it again.
/// </summary>
internal sealed class JobIntake(IJobStore store, JobLeases leases, JobTracker tracker, JobExecutor executor, ILogger<JobIntake> logger)
{
    /// <summary>Stores, admits and starts <paramref name="job"/>.</summary>
    /// <param name="admit">
    /// The limits (queue, the user's link rate), asked only once the job is known to be new: an update delivered twice (by
    /// Telegram again, or to a second instance) costs the user's tokens once, and its second delivery is never refused.
    /// </param>
    /// <exception cref="LimitRefusal">The limits refused the job; it is finished unstarted, so it is never resumed.</exception>
    public async Task<IntakeResult> AcceptAsync(JobRecord job, Func<CancellationToken, Task> admit, CancellationToken cancellationToken)
    {
        if (!await store.TryAddAsync(job, leases.Owner, leases.Lease, cancellationToken))
        {
            JobsLog.Duplicate(logger, job.Id);
            return IntakeResult.Duplicate;
        }

        try
        {
            await admit(cancellationToken);
        }
        catch (LimitRefusal)
        {
            await leases.FinishAsync(job.Id);
            throw;
        }

        leases.Hold(job.Id);
        if (tracker.TryStart(job.UserId, ct => executor.RunAsync(job, ct), job.Id))
        {
            return IntakeResult.Started;
        }

        if (tracker.IsStopping)
        {
            await leases.ReleaseAsync(job.Id);
            return IntakeResult.Deferred;
        }

        await leases.FinishAsync(job.Id);
        return IntakeResult.Busy;
    }
}
