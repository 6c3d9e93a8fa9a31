namespace VideoBot.Host.Plugins;

/// <summary>
/// One plugin version's recent record: successes and failures over a sliding time window, and the last error. The version is
/// degraded while at least <c>Plugins:DegradedAfterFailures</c> of its extractions in the window failed and failures are at
/// least half of them; it recovers as successes come in or old failures leave the window. Each outcome keeps its source (jobs,
/// probes, canary), kind and time, for at least <see cref="History"/>, so <c>/status</c> can tell the last hour. Thread-safe.
/// </summary>
internal sealed class PluginHealth
{
    /// <summary>How far back <see cref="Recent"/> can look, whatever the (shorter) health window.</summary>
    public static readonly TimeSpan History = TimeSpan.FromHours(1);

    /// <summary>Enough outcomes to judge an hour by; older ones are dropped even inside it, so memory stays bounded.</summary>
    private const int MaxOutcomes = 1000;

    private readonly Queue<HealthOutcome> _outcomes = new();
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

    public void RecordSuccess(HealthSource source = HealthSource.Jobs, TimeSpan elapsed = default) =>
        Record(new HealthOutcome(_clock.GetUtcNow(), source, null, elapsed), null);

    /// <param name="error">The message operators see.</param>
    /// <param name="source">What ran the extraction.</param>
    /// <param name="kind">The failure's kind; by default the part of <paramref name="error"/> before its first colon.</param>
    /// <param name="elapsed">How long it took.</param>
    /// <param name="judged">False when the failure must not make the plugin degraded (see <see cref="HealthOutcome.Judged"/>).</param>
    public void RecordFailure(string error, HealthSource source = HealthSource.Jobs, string? kind = null, TimeSpan elapsed = default, bool judged = true)
    {
        var colon = error.IndexOf(':', StringComparison.Ordinal);
        kind ??= colon > 0 ? error[..colon] : "Failure";
        Record(new HealthOutcome(_clock.GetUtcNow(), source, kind, elapsed, judged), error);
    }

    /// <summary>Successes and the failures that count toward degradation, inside the window now.</summary>
    public (int Successes, int Failures) Counts()
    {
        lock (_gate)
        {
            Trim();
            var (successes, failures) = (0, 0);
            foreach (var outcome in InWindow())
            {
                if (outcome.Ok)
                {
                    successes++;
                }
                else if (outcome.Judged)
                {
                    failures++;
                }
            }

            return (successes, failures);
        }
    }

    /// <summary>Successes and failures of one source inside the window now, every failure included: the success ratio's terms.</summary>
    public (int Successes, int Failures) Counts(HealthSource source)
    {
        lock (_gate)
        {
            Trim();
            var outcomes = InWindow().Where(o => o.Source == source).ToList();
            var failures = outcomes.Count(o => !o.Ok);
            return (outcomes.Count - failures, failures);
        }
    }

    /// <summary>The outcomes of the last <paramref name="span"/> (at most <see cref="History"/>), oldest first.</summary>
    public IReadOnlyList<HealthOutcome> Recent(TimeSpan span)
    {
        lock (_gate)
        {
            Trim();
            var since = _clock.GetUtcNow() - span;
            return [.. _outcomes.Where(o => o.At >= since)];
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

    private void Record(HealthOutcome outcome, string? error)
    {
        lock (_gate)
        {
            _outcomes.Enqueue(outcome);
            if (error is not null)
            {
                LastError = error;
                LastErrorAt = outcome.At;
                _everFailed |= outcome.Judged;
            }

            Trim();
        }
    }

    private IEnumerable<HealthOutcome> InWindow()
    {
        var oldest = _clock.GetUtcNow() - _settings().Window;
        return _outcomes.Where(o => o.At >= oldest);
    }

    private void Trim()
    {
        var window = _settings().Window;
        var oldest = _clock.GetUtcNow() - (window > History ? window : History);
        while (_outcomes.Count > 0 && (_outcomes.Count > MaxOutcomes || _outcomes.Peek().At < oldest))
        {
            _outcomes.Dequeue();
        }
    }
}
