using System.ComponentModel.DataAnnotations;

namespace VideoBot.Host.Configuration;

/// <summary>
/// The job queue: every accepted message is a job, stored before work starts, so a host that stops or dies mid-download
/// picks it up again. Section <c>Jobs</c>. Stored in SQLite, or in Redis when <c>Cache:Redis</c> is set.
/// </summary>
internal sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// How long an instance's claim on a running job lasts without renewal, in seconds (it renews every third of it). A job
    /// whose instance died is taken over once its claim runs out. Default 30.
    /// </summary>
    [Range(3, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often an instance looks for jobs left behind by a stopped or dead one, in seconds. Default 10.</summary>
    [Range(1, 3600)]
    public int RecoverySeconds { get; set; } = 10;

    /// <summary>How many times a job is started (the first run and resumes) before the user is told it was lost. Default 3.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a finished job is remembered, in hours, so an update Telegram delivers again is not done twice. Default 24.</summary>
    [Range(1, 24 * 30)]
    public int KeepFinishedHours { get; set; } = 24;
}
