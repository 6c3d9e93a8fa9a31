using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VideoBot.Host.Admission;
using VideoBot.Host.Observability;

namespace VideoBot.Host.Jobs;

/// <summary>Starts the observation of one job (one link): its logging scope, and its metrics when it ends.</summary>
internal sealed class JobObserver(BotMetrics metrics, UserHasher hasher, JobLoad load, ILogger<JobObserver> logger)
{
    /// <summary>Opens the job's logging scope; dispose the result when the job ends, after <see cref="ObservedJob.Finish"/>.</summary>
    public ObservedJob Begin(long userId) =>
        new(new JobLogScope(Guid.NewGuid().ToString("N")[..12], hasher.Hash(userId)), metrics, load, logger);
}

/// <summary>
/// One job under observation. Every line logged in its async flow carries its <see cref="JobLogScope"/>; <see cref="Finish"/>
/// records the outcome in the scope, the metrics and one closing log line.
/// </summary>
internal sealed class ObservedJob : IDisposable
{
    private readonly JobLogScope _scope;
    private readonly BotMetrics _metrics;
    private readonly JobLoad _load;
    private readonly ILogger _logger;
    private readonly IDisposable? _opened;
    private readonly long _started = Stopwatch.GetTimestamp();
    private bool _finished;

    public ObservedJob(JobLogScope scope, BotMetrics metrics, JobLoad load, ILogger logger)
    {
        _scope = scope;
        _metrics = metrics;
        _load = load;
        _logger = logger;
        _opened = scope.Open(logger);
    }

    public string JobId => _scope.JobId;

    public string Platform => _scope.Plugin;

    public void SetPlatform(string pluginId) => _scope.SetPlugin(pluginId);

    public void CacheLookup(bool hit) => _metrics.CacheLookup(hit);

    /// <summary>Counts the bytes of the files uploaded (files Telegram already held count nothing).</summary>
    public void Uploaded(IEnumerable<string?> paths)
    {
        long total = 0;
        foreach (var path in paths)
        {
            if (path is not null && File.Exists(path))
            {
                total += new FileInfo(path).Length;
            }
        }

        _metrics.Uploaded(Platform, total);
    }

    /// <summary>Records how the job ended: success, cached, failed, refused, cancelled, timeout, malformed or unsupported.</summary>
    public void Finish(string outcome)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        _scope.SetOutcome(outcome);
        var elapsed = Stopwatch.GetElapsedTime(_started);
        _metrics.Job(Platform, outcome, elapsed);
        if (outcome is "success" or "failed" or "timeout")
        {
            // What a full job costs: the queue's "try again in N s" estimate follows it.
            _load.Record(elapsed);
        }

        ObservabilityLog.JobFinished(_logger, outcome, (long)elapsed.TotalMilliseconds);
    }

    public void Dispose()
    {
        // A job that ends by an exception nobody caught still gets its outcome.
        Finish("failed");
        _opened?.Dispose();
    }
}
