using System.ComponentModel.DataAnnotations;

namespace VideoBot.Host.Configuration;

/// <summary>How much work the bot takes on. Section <c>Limits</c>.</summary>
internal sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Jobs (one message's links) running at once across all users; the rest wait their turn. Default 4.</summary>
    [Range(1, 256)]
    public int MaxConcurrentJobs { get; set; } = 4;

    /// <summary>Jobs one user may have running or waiting; past this the bot asks them to wait. Default 3.</summary>
    [Range(1, 100)]
    public int MaxJobsPerUser { get; set; } = 3;

    /// <summary>Longest media the bot fetches, in seconds; 0 for no limit. Default 0.</summary>
    [Range(0, 7 * 24 * 3600)]
    public int MaxDurationSeconds { get; set; }

    /// <summary>Longest one link may take from extraction to upload, in minutes. Default 20.</summary>
    [Range(1, 24 * 60)]
    public int JobTimeoutMinutes { get; set; } = 20;
}
