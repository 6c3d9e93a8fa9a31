namespace VideoBot.Host.Plugins;

/// <summary>Where a plugin's health outcome came from.</summary>
internal enum HealthSource
{
    /// <summary>A user's link.</summary>
    Jobs,

    /// <summary>A manifest probe, run against the real site (<c>Plugins:ProbeIntervalMinutes</c>).</summary>
    Probes,

    /// <summary>The manifest tests replayed from fixtures (<c>Plugins:CanaryIntervalMinutes</c>): the plugin's code, not the site.</summary>
    Canary,
}

/// <summary>One extraction's outcome in a plugin's health record.</summary>
/// <param name="At">When it ended.</param>
/// <param name="Source">What ran it.</param>
/// <param name="FailureKind">The failure's kind (an <c>ExtractionErrorKind</c> name, or a probe's <c>Mismatch</c>/<c>Timeout</c>); null for a success.</param>
/// <param name="Elapsed">How long it took.</param>
/// <param name="Judged">
/// False for a failure that says something about the site but not about the plugin (a job's network error or rate limit):
/// it shows in the success ratio and <c>/status</c>, and does not make the plugin degraded.
/// </param>
internal readonly record struct HealthOutcome(DateTimeOffset At, HealthSource Source, string? FailureKind, TimeSpan Elapsed, bool Judged = true)
{
    public bool Ok => FailureKind is null;
}
