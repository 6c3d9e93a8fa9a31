using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Observability;

namespace VideoBot.Host.Admission;

/// <summary>
/// How loaded the job queue is: links being fetched and links waiting for a slot to be fetched (from the
/// <see cref="JobTracker"/>; a link answered from the cache is neither), and a running average of how long a job takes, from
/// which "try again in N s" is estimated when the queue is full.
/// </summary>
internal sealed class JobLoad(JobTracker jobs, IOptions<LimitsOptions> limits, BotMetrics metrics, ILogger<JobLoad> logger)
{
    /// <summary>What a job is assumed to take before any has finished.</summary>
    private static readonly TimeSpan InitialEstimate = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private double _averageSeconds = InitialEstimate.TotalSeconds;

    /// <summary>Links holding a slot.</summary>
    public int Running => jobs.Fetching;

    /// <summary>Links waiting for a slot.</summary>
    public int Waiting => jobs.WaitingForSlot;

    /// <summary>True while the queue is within <c>Limits:MaxQueuedJobs</c>.</summary>
    public bool WithinLimits => !IsFull(Waiting);

    /// <summary>The running average duration of a job.</summary>
    public TimeSpan AverageJob
    {
        get
        {
            lock (_gate)
            {
                return TimeSpan.FromSeconds(_averageSeconds);
            }
        }
    }

    /// <summary>Records how long a finished job took (an exponential moving average, so the estimate follows the load).</summary>
    public void Record(TimeSpan duration)
    {
        lock (_gate)
        {
            _averageSeconds = 0.8 * _averageSeconds + 0.2 * Math.Max(0.1, duration.TotalSeconds);
        }
    }

    /// <summary>Refuses a new job when the queue is full, with an estimate of when a place frees up.</summary>
    /// <exception cref="LimitRefusal">The queue is full.</exception>
    public void Admit()
    {
        var waiting = Waiting;
        if (!IsFull(waiting))
        {
            return;
        }

        // The jobs ahead (and the running ones) drain MaxConcurrentJobs at a time.
        var rounds = (int)Math.Ceiling((waiting + 1) / (double)limits.Value.MaxConcurrentJobs);
        var estimate = TimeSpan.FromSeconds(Math.Clamp(AverageJob.TotalSeconds * rounds, 5, 3600));
        metrics.RateLimited("queue");
        LimitsLog.QueueFull(logger, estimate);
        throw new LimitRefusal(LimitRefusal.QueueFull, estimate, $"the job queue is full ({waiting} waiting)", count: Running + waiting);
    }

    /// <summary>With <c>MaxQueuedJobs</c> 0 nothing may wait: full once every slot is taken.</summary>
    private bool IsFull(int waiting) =>
        limits.Value.MaxQueuedJobs == 0 ? Running >= limits.Value.MaxConcurrentJobs : waiting >= limits.Value.MaxQueuedJobs;
}
