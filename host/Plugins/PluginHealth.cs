namespace VideoBot.Host.Plugins;

/// <summary>
/// One plugin version's recent record: successes and failures over a sliding time window, and the last error. The version is
/// degraded while at least <c>Plugins:DegradedAfterFailures</c> of its extractions in the window failed and failures are at
/// least half of them; it recovers as successes come in or old failures leave the window. Thread-safe.
/// </summary>
internal sealed class PluginHealth
{
    /// <summary>Enough outcomes to judge by; older ones are dropped even inside the window, so memory stays bounded.</summary>
    private const int MaxOutcomes = 200;

    private readonly Queue<(DateTimeOffset At, bool Ok)> _outcomes = new();
    private readonly Lock _gate = new();
    private readonly Func<(TimeSpan Window, int Threshold)> _settings;
    private readonly TimeProvider _clock;
    private volatile bool _everFailed;

    public PluginHealth(Func<(TimeSpan Window, int Threshold)> settings, TimeProvider clock)
    {
        _settings = settings;
        _clock = clock;
    }

    /// <summary>Fixed settings, for handles made outside the loader.</summary>
    public PluginHealth(TimeSpan window, int threshold, TimeProvider? clock = null)
        : this(() => (window, threshold), clock ?? TimeProvider.System)
    {
    }

    /// <summary>The last failure's message, kept after recovery so operators can see what happened last.</summary>
    public string? LastError { get; private set; }

    /// <summary>When the last failure happened.</summary>
    public DateTimeOffset? LastErrorAt { get; private set; }

    public void RecordSuccess() => Record(true, null);

    public void RecordFailure(string error) => Record(false, error);

    /// <summary>Successes and failures inside the window now.</summary>
    public (int Successes, int Failures) Counts()
    {
        lock (_gate)
        {
            Trim();
            var failures = _outcomes.Count(o => !o.Ok);
            return (_outcomes.Count - failures, failures);
        }
    }

    /// <summary>Read on every routing decision: a version that never failed answers without taking the lock.</summary>
    public bool IsDegraded
    {
        get
        {
            if (!_everFailed)
            {
                return false;
            }

            var (successes, failures) = Counts();
            return failures >= _settings().Threshold && failures >= successes;
        }
    }

    /// <summary>One line for <c>/plugins</c> and the log: the counts, the window and the last error.</summary>
    public string Describe()
    {
        var (successes, failures) = Counts();
        var window = _settings().Window;
        var text = $"{failures} failed, {successes} succeeded in the last {Math.Round(window.TotalMinutes, 1)} min";
        return LastError is { } error ? $"{text}; last error: {error}" : text;
    }

    private void Record(bool ok, string? error)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            _outcomes.Enqueue((now, ok));
            if (!ok)
            {
                LastError = error;
                LastErrorAt = now;
                _everFailed = true;
            }

            Trim();
        }
    }

    private void Trim()
    {
        var oldest = _clock.GetUtcNow() - _settings().Window;
        while (_outcomes.Count > 0 && (_outcomes.Count > MaxOutcomes || _outcomes.Peek().At < oldest))
        {
            _outcomes.Dequeue();
        }
    }
}
