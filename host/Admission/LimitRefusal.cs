using VideoBot.Host.Messages;

namespace VideoBot.Host.Admission;

/// <summary>
/// A job (or a message) refused by a limit: which message template explains it, and when trying again makes sense. The
/// template gets <c>{wait}</c>, <c>{platform}</c> and <c>{count}</c>; the exception's own text is for the log only.
/// </summary>
internal sealed class LimitRefusal(string key, TimeSpan retryAfter, string reason, string? platform = null, int count = 0)
    : Exception(reason)
{
    public const string UserRate = "limit.user_rate";
    public const string QueueFull = "limit.queue_full";
    public const string PlatformRate = "limit.platform_rate";
    public const string PlatformDown = "limit.platform_down";
    public const string DiskFull = "limit.disk_full";

    /// <summary>The message template.</summary>
    public string Key { get; } = key;

    /// <summary>When trying again makes sense.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>The platform's display name, for the platform messages.</summary>
    public string? Platform { get; } = platform;

    /// <summary>A number the message names (jobs waiting).</summary>
    public int Count { get; } = count;

    /// <summary>A short name for logs and metrics: the template key without its prefix.</summary>
    public string Kind => Key["limit.".Length..];

    /// <summary>What the user reads.</summary>
    public string Describe(MessageCatalog messages, string language) =>
        messages.Html(language, Key,
            ("wait", new HtmlFragment(WaitText(messages, RetryAfter, language))),
            ("platform", Platform ?? string.Empty),
            ("count", Count));

    /// <summary>"12 s" or "3 min", rounded up (so "try again in 1 s" is never early).</summary>
    public static string WaitText(MessageCatalog messages, TimeSpan wait, string language) =>
        wait < TimeSpan.FromMinutes(2)
            ? messages.Html(language, "unit.seconds", ("n", Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))))
            : messages.Html(language, "unit.minutes", ("n", (int)Math.Ceiling(wait.TotalMinutes)));
}
