namespace VideoBot.Host.Jobs;

/// <summary>
/// Where jobs live from acceptance to the end: SQLite (one instance) or Redis (several). An open job is held by one instance
/// through a lease it renews while working; a job whose lease ran out is an orphan any instance may claim.
/// </summary>
internal interface IJobStore
{
    /// <summary>Stores a new job, leased to <paramref name="owner"/>; false when a job with its id exists already (a duplicate update).</summary>
    /// <exception cref="JobStoreException">The store could not be reached or written.</exception>
    Task<bool> TryAddAsync(JobRecord job, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends <paramref name="owner"/>'s lease; false when it no longer holds the job.</summary>
    Task<bool> RenewAsync(string id, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Records that the first <paramref name="done"/> links are answered.</summary>
    Task ProgressAsync(string id, int done, CancellationToken cancellationToken);

    /// <summary>Records the status message now showing for the job (null: none), for a resume to remove.</summary>
    Task SetStatusMessageAsync(string id, int? messageId, CancellationToken cancellationToken);

    /// <summary>Gives the job up unfinished (the host is stopping): the next instance to look claims it at once.</summary>
    Task ReleaseAsync(string id, string owner, CancellationToken cancellationToken);

    /// <summary>Marks the job finished; it is kept a while (<c>Jobs:KeepFinishedHours</c>) to recognise a duplicate update.</summary>
    Task FinishAsync(string id, CancellationToken cancellationToken);

    /// <summary>Claims every open job whose lease ran out, counting one more attempt on each, and returns them.</summary>
    Task<IReadOnlyList<JobRecord>> ClaimOrphansAsync(string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Open jobs, whoever holds them.</summary>
    Task<long> CountOpenAsync(CancellationToken cancellationToken);
}

/// <summary>The job store failed; the update is not confirmed, so Telegram sends it again.</summary>
internal sealed class JobStoreException(string message, Exception inner) : Exception(message, inner);
