using System.ComponentModel.DataAnnotations;

namespace VideoBot.Host.Configuration;

/// <summary>
/// Token buckets that keep users, platforms and Telegram from being flooded. Section <c>RateLimits</c>. With
/// <c>Cache:Redis</c> set, the user and platform buckets live in Redis and are shared by every instance.
/// </summary>
internal sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Links a user may send in a burst (the bucket's size). Admins (<c>Telegram:AdminIds</c>) are exempt. Default 10.</summary>
    [Range(1, 10_000)]
    public int UserBurst { get; set; } = 10;

    /// <summary>Links a user's bucket regains every <see cref="UserPeriodSeconds"/>. Default 1.</summary>
    [Range(1, 10_000)]
    public int UserTokensPerPeriod { get; set; } = 1;

    /// <summary>How often a user's bucket regains <see cref="UserTokensPerPeriod"/> links, in seconds. Default 6 (10 a minute).</summary>
    [Range(1, 86_400)]
    public int UserPeriodSeconds { get; set; } = 6;

    /// <summary>Extractions one platform (plugin id) may get in a burst, across all users. Default 20.</summary>
    [Range(1, 100_000)]
    public int PlatformBurst { get; set; } = 20;

    /// <summary>Extractions a platform's bucket regains every <see cref="PlatformPeriodSeconds"/>. Default 1.</summary>
    [Range(1, 100_000)]
    public int PlatformTokensPerPeriod { get; set; } = 1;

    /// <summary>How often a platform's bucket regains tokens, in seconds. Default 2 (30 a minute).</summary>
    [Range(1, 86_400)]
    public int PlatformPeriodSeconds { get; set; } = 2;

    /// <summary>
    /// Longest a job waits for its platform's bucket, in seconds; a longer wait is refused with "try again in N s". Default 30.
    /// </summary>
    [Range(0, 3600)]
    public int PlatformMaxWaitSeconds { get; set; } = 30;

    /// <summary>Messages (sends and edits) the bot sends one chat in a burst. Default 3.</summary>
    [Range(1, 100)]
    public int TelegramChatBurst { get; set; } = 3;

    /// <summary>Messages per second the bot sends one chat after a burst (Telegram: about 1). Default 1.</summary>
    [Range(1, 100)]
    public int TelegramChatPerSecond { get; set; } = 1;

    /// <summary>Messages per minute the bot sends one group (Telegram: about 20). Default 20.</summary>
    [Range(1, 1000)]
    public int TelegramGroupPerMinute { get; set; } = 20;

    /// <summary>
    /// Messages per second the bot sends across all chats (Telegram: about 30; up to 1000 for a bot with paid broadcasts).
    /// Above Telegram's own limit, its 429 answers pace the bot instead (they are waited out and retried). Default 30.
    /// </summary>
    [Range(1, 1_000_000)]
    public int TelegramGlobalPerSecond { get; set; } = 30;
}
