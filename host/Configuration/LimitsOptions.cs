using System.ComponentModel.DataAnnotations;

namespace VideoBot.Host.Configuration;

/// <summary>
/// How much work the bot takes on. Section <c>Limits</c>. The upload size limit is automatic from the API kind
/// (<see cref="TelegramOptions.UploadLimit"/>: 50 MB cloud, 2000 MB local Bot API) and the links per message are
/// <see cref="TelegramOptions.MaxLinksPerMessage"/>.
/// </summary>
internal sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>
    /// Links being fetched (extracted, downloaded, uploaded) at once across all users; the rest wait their turn. A link
    /// answered from the cache takes no slot. Default 4.
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrentJobs { get; set; } = 4;

    /// <summary>Jobs one user may have running or waiting; past this the bot asks them to wait. Default 3.</summary>
    [Range(1, 100)]
    public int MaxJobsPerUser { get; set; } = 3;

    /// <summary>
    /// Links of one platform (plugin id) being fetched at once, across all users; more wait for a free slot. Per instance.
    /// Default 2.
    /// </summary>
    [Range(1, 256)]
    public int MaxJobsPerPlatform { get; set; } = 2;

    /// <summary>
    /// Links waiting for a free slot to be fetched (beyond <see cref="MaxConcurrentJobs"/> being fetched; links answered from
    /// the cache never wait); past this a new message gets "busy, try again in N s". Default 50.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxQueuedJobs { get; set; } = 50;

    /// <summary>Longest media the bot fetches, in seconds; 0 for no limit. Default 0.</summary>
    [Range(0, 7 * 24 * 3600)]
    public int MaxDurationSeconds { get; set; }

    /// <summary>Longest clip (<c>/clip LINK START-END</c>) sent, in seconds. Default 600 (10 minutes).</summary>
    [Range(1, 24 * 3600)]
    public int MaxClipSeconds { get; set; } = 600;

    /// <summary>Longest one link may take from extraction to upload, in minutes. Default 20.</summary>
    [Range(1, 24 * 60)]
    public int JobTimeoutMinutes { get; set; } = 20;

    /// <summary>
    /// Most disk the job folders under <c>Storage:Directory/tmp</c> may use together, in MB; a job is not started while they
    /// use more. Leftovers of an earlier run are removed at start. 0 for no quota. Default 10240 (10 GB).
    /// </summary>
    [Range(0, 10_000_000)]
    public int TempQuotaMb { get; set; } = 10_240;

    /// <summary>Free space the disk holding the temporary folder must keep, in MB; below it no job starts. Default 512.</summary>
    [Range(0, 10_000_000)]
    public int MinFreeDiskMb { get; set; } = 512;

    /// <summary>The temporary-disk quota in bytes, or null for none.</summary>
    public long? TempQuotaBytes => TempQuotaMb > 0 ? TempQuotaMb * 1024L * 1024L : null;
}
