using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Admission;

/// <summary>
/// Runs jobs in the background: at most <c>Limits:MaxJobsPerUser</c> per user, each cancellable by its user (/cancel) and all
/// of them by shutdown, which waits for them to clean up. A link that must be fetched takes one of the
/// <c>Limits:MaxConcurrentJobs</c> slots (<see cref="TakeSlotAsync"/>) for as long as that takes; a link answered from the
/// cache takes none, so a queue of downloads never holds up answers that cost one message.
/// </summary>
internal sealed class JobTracker(IOptions<LimitsOptions> limits, ILogger<JobTracker> logger) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _slots = new(limits.Value.MaxConcurrentJobs);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<long, List<Job>> _byUser = [];
    private int _waitingForSlot;

    /// <summary>Jobs under way: answering, fetching, or waiting for a slot to fetch.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byUser.Values.Sum(jobs => jobs.Count);
            }
        }
    }

    /// <summary>True once the host is stopping: jobs cancelled now are interrupted, not cancelled by their users.</summary>
    public bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>Starts <paramref name="work"/> for <paramref name="userId"/>; false when the user has too many jobs already.</summary>
    /// <param name="key">The job's id, for <see cref="CancelJob"/> (a Cancel button); null for none.</param>
    public bool TryStart(long userId, Func<CancellationToken, Task> work, string? key = null)
    {
        Job job;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return false;
            }

            if (!_byUser.TryGetValue(userId, out var jobs))
            {
                _byUser[userId] = jobs = [];
            }

            if (jobs.Count >= limits.Value.MaxJobsPerUser)
            {
                return false;
            }

            job = new Job(CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token)) { Key = key };
            jobs.Add(job);
        }

        job.Completion = Task.Run(() => RunAsync(userId, job, work));
        return true;
    }

    /// <summary>Links holding a slot: being fetched now.</summary>
    public int Fetching => limits.Value.MaxConcurrentJobs - _slots.CurrentCount;

    /// <summary>Links waiting for a slot.</summary>
    public int WaitingForSlot => Volatile.Read(ref _waitingForSlot);

    /// <summary>Waits for one of the <c>Limits:MaxConcurrentJobs</c> slots; dispose the result to give it back.</summary>
    public async Task<IDisposable> TakeSlotAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waitingForSlot);
        try
        {
            await _slots.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waitingForSlot);
        }

        return new Slot(_slots);
    }

    /// <summary>Cancels the user's jobs; returns how many there were.</summary>
    public int Cancel(long userId)
    {
        List<Job> jobs;
        lock (_gate)
        {
            jobs = _byUser.TryGetValue(userId, out var list) ? [.. list] : [];
        }

        foreach (var job in jobs)
        {
            job.Cancel();
        }

        return jobs.Count;
    }

    /// <summary>Cancels the job started with <paramref name="key"/>, if it runs here and belongs to <paramref name="userId"/>.</summary>
    public JobCancelResult CancelJob(string key, long userId)
    {
        Job? found = null;
        long owner = 0;
        lock (_gate)
        {
            foreach (var (user, jobs) in _byUser)
            {
                if (jobs.Find(j => j.Key == key) is { } job)
                {
                    (found, owner) = (job, user);
                    break;
                }
            }
        }

        if (found is null)
        {
            return JobCancelResult.NotRunning;
        }

        if (owner != userId)
        {
            return JobCancelResult.NotYours;
        }

        found.Cancel();
        return JobCancelResult.Cancelled;
    }

    /// <summary>Completes when no job is running or waiting.</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task[] running;
            lock (_gate)
            {
                running = [.. _byUser.Values.SelectMany(jobs => jobs).Select(j => j.Completion)];
            }

            if (running.Length == 0)
            {
                return;
            }

            await Task.WhenAll(running).WaitAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _stopping.Cancel();
        }

        try
        {
            await WhenIdleAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Shutdown's own timeout ran out; the process ends anyway.
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task RunAsync(long userId, Job job, Func<CancellationToken, Task> work)
    {
        var token = job.Token;
        try
        {
            await work(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LimitsLog.JobCrashed(logger, e);
        }
        finally
        {
            lock (_gate)
            {
                if (_byUser.TryGetValue(userId, out var jobs))
                {
                    jobs.Remove(job);
                    if (jobs.Count == 0)
                    {
                        _byUser.Remove(userId);
                    }
                }
            }

            job.Dispose();
        }
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }

    private sealed class Job(CancellationTokenSource cancellation) : IDisposable
    {
        private readonly Lock _gate = new();
        private bool _disposed;

        public CancellationToken Token { get; } = cancellation.Token;

        public string? Key { get; init; }

        public Task Completion { get; set; } = Task.CompletedTask;

        public void Cancel()
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    cancellation.Cancel();
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                cancellation.Dispose();
            }
        }
    }
}

/// <summary>What <see cref="JobTracker.CancelJob"/> did.</summary>
internal enum JobCancelResult
{
    /// <summary>The job is being cancelled.</summary>
    Cancelled,

    /// <summary>No such job runs here (it ended, or runs on another instance).</summary>
    NotRunning,

    /// <summary>The job belongs to another user: nothing was done.</summary>
    NotYours,
}
