using System.ComponentModel.DataAnnotations;

namespace VideoBot.Host.Caching;

/// <summary>The cache of answers (Telegram file_ids) and extraction results. Section <c>Cache</c>.</summary>
internal sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>
    /// A StackExchange.Redis connection string (<c>redis:6379,password=...</c>). When set, the cache's persistent level, the
    /// job queue and the cross-instance locks live in Redis, so several instances share them; when empty (the default) they
    /// live in the bot's SQLite file and one instance owns them.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>How long a link's file_ids are kept, in days. Telegram keeps files for a long time; default 30.</summary>
    [Range(1, 3650)]
    public int FileIdDays { get; set; } = 30;

    /// <summary>How long a link's extraction result (title, formats) is reused, in minutes; 0 turns it off. Default 5.</summary>
    [Range(0, 24 * 60)]
    public int MetadataMinutes { get; set; } = 5;

    /// <summary>How long an entry stays in this process's memory before it is read again from the persistent level. Default 10.</summary>
    [Range(1, 24 * 60)]
    public int MemoryMinutes { get; set; } = 10;
}
