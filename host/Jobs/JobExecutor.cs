using VideoBot.Host.Admission;

namespace VideoBot.Host.Jobs;

/// <summary>
/// Runs a stored job's remaining links in order, recording each one answered. A job stopped by the host's shutdown stays open
/// (its lease is released at the end of shutdown) and is resumed at the next start from the first link not yet answered; one
/// that ends any other way (done, failed, cancelled by its user) is finished.
/// </summary>
internal sealed class JobExecutor(IJobLinkRunner links, JobTracker tracker, JobLeases leases, IJobStore store, JobStatusRecords statuses)
{
    public async Task RunAsync(JobRecord job, CancellationToken cancellationToken)
    {
        try
        {
            await statuses.RemoveLeftoverAsync(job, cancellationToken);
            for (var index = job.Done; index < job.Links.Count; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await links.RunLinkAsync(job, index, cancellationToken);
                if (cancellationToken.IsCancellationRequested)
                {
                    // The link was interrupted, not answered: it is not counted.
                    break;
                }

                // The last link needs no progress record: finishing the job (below) records it, one write fewer per job.
                if (index + 1 < job.Links.Count)
                {
                    await TryProgressAsync(job.Id, index + 1);
                }
            }
        }
        finally
        {
            if (!(cancellationToken.IsCancellationRequested && tracker.IsStopping))
            {
                await leases.FinishAsync(job.Id);
            }
        }
    }

    private async Task TryProgressAsync(string id, int done)
    {
        try
        {
            await store.ProgressAsync(id, done, CancellationToken.None);
        }
        catch (JobStoreException)
        {
            // Only costs a repeat of this link (answered from the cache) if the job is resumed.
        }
    }
}
