using System.ComponentModel.DataAnnotations;

namespace VideoBot.Host.Configuration;

/// <summary>
/// Retries and circuit breakers around extraction, per platform (plugin id). Section <c>Resilience</c>. Only transient
/// failures (the SDK's <c>Network</c>, and <c>RateLimited</c> with a short wait) are retried; a permanent one (not found,
/// private...) never is.
/// </summary>
internal sealed class ResilienceOptions
{
    public const string Section = "Resilience";

    /// <summary>Retries after a transient failure; 0 for none. Default 2.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first retry's delay, in ms; later ones back off exponentially with jitter. Default 500.</summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMs { get; set; } = 500;

    /// <summary>Longest <c>retry_after</c> a rate-limited site may ask for and still be retried at once, in seconds. Default 5.</summary>
    [Range(0, 600)]
    public int MaxRetryAfterSeconds { get; set; } = 5;

    /// <summary>Share of failed extractions (0-1) within <see cref="SamplingSeconds"/> that opens a platform's circuit. Default 0.5.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Extractions within <see cref="SamplingSeconds"/> before the circuit may open. Default 5.</summary>
    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 5;

    /// <summary>The window failures are counted in, in seconds. Default 60.</summary>
    [Range(1, 3600)]
    public int SamplingSeconds { get; set; } = 60;

    /// <summary>How long an open circuit fails fast before one trial request is let through, in seconds. Default 30.</summary>
    [Range(1, 3600)]
    public int BreakSeconds { get; set; } = 30;
}
