namespace VideoBot.Host.Jobs;

/// <summary>
/// Answers one link of a stored job. The jobs layer runs a job's links in order through it and never references the
/// adapter that answers them (the Telegram pipeline implements it), so jobs sit below the adapter, not beside it.
/// </summary>
internal interface IJobLinkRunner
{
    /// <summary>Answers <c>job.Links[index]</c>; returns when the link is answered or <paramref name="cancellationToken"/> stops it.</summary>
    Task RunLinkAsync(JobRecord job, int index, CancellationToken cancellationToken);
}
