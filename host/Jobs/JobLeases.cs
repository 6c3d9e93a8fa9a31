using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Jobs;

/// <summary>
/// The jobs this instance holds, running or waiting for a slot: their leases are renewed together every third of
/// <c>Jobs:LeaseSeconds</c>, so no other instance (nor this one's recovery) mistakes a waiting job for an orphan. Stops after
/// the jobs have (it is registered before the job tracker) and releases what is left unfinished, for the next start to resume.
/// </summary>
internal sealed class JobLeases(IJobStore store, IOptions<JobsOptions> options, ILogger<JobLeases> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, byte> _held = new();

    /// <summary>A per-process id: two instances, even in one process, never share it.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public TimeSpan Lease => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    public void Hold(string id) => _held[id] = 0;

    /// <summary>Finishes the job in the store and stops renewing it.</summary>
    public async Task FinishAsync(string id)
    {
        _held.TryRemove(id, out _);
        try
        {
            await store.FinishAsync(id, CancellationToken.None);
        }
        catch (JobStoreException e)
        {
            // It stays open and is resumed later: the user may get the answer twice, never zero times.
            JobsLog.StoreFailed(logger, e);
        }
    }

    /// <summary>Gives the job back now (it could not start here).</summary>
    public async Task ReleaseAsync(string id)
    {
        _held.TryRemove(id, out _);
        try
        {
            await store.ReleaseAsync(id, Owner, CancellationToken.None);
        }
        catch (JobStoreException e)
        {
            JobsLog.StoreFailed(logger, e);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Lease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var id in _held.Keys)
                {
                    try
                    {
                        if (!await store.RenewAsync(id, Owner, Lease, stoppingToken))
                        {
                            _held.TryRemove(id, out _);
                            JobsLog.LeaseLost(logger, id);
                        }
                    }
                    catch (JobStoreException e)
                    {
                        JobsLog.StoreFailed(logger, e);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var left = _held.Keys.ToList();
        foreach (var id in left)
        {
            await ReleaseAsync(id);
        }

        if (left.Count > 0)
        {
            JobsLog.Released(logger, left.Count);
        }
    }
}
