using System.ComponentModel.DataAnnotations;

namespace VideoBot.Host.Configuration;

/// <summary>How updates reach the bot.</summary>
internal enum TelegramMode
{
    /// <summary>Long polling with <c>getUpdates</c>: works behind NAT, no public address needed.</summary>
    Polling,

    /// <summary>Telegram POSTs updates to <see cref="TelegramOptions.WebhookUrl"/>.</summary>
    Webhook,
}

/// <summary>When the bot answers links in group chats.</summary>
internal enum GroupMode
{
    /// <summary>Only when the message mentions the bot or replies to one of its messages.</summary>
    Mention,

    /// <summary>Every link anyone posts.</summary>
    Always,
}

/// <summary>The Telegram side of the bot. Section <c>Telegram</c>.</summary>
internal sealed class TelegramOptions
{
    public const string Section = "Telegram";

    /// <summary>The official Bot API origin.</summary>
    public const string CloudApiBaseUrl = "https://api.telegram.org";

    /// <summary>The bot token from BotFather (<c>123456789:AA...</c>). Required; also read from <c>TELEGRAM_BOT_TOKEN</c>.</summary>
    public string? Token { get; set; }

    /// <summary>The Bot API server. Default Telegram's cloud; point it at a local <c>telegram-bot-api</c> for 2000 MB uploads.</summary>
    [Required]
    public string ApiBaseUrl { get; set; } = CloudApiBaseUrl;

    /// <summary>Polling or webhook. Default polling.</summary>
    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>The public HTTPS URL Telegram posts updates to (webhook mode); its path is the endpoint the bot serves.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>
    /// The secret Telegram sends in <c>X-Telegram-Bot-Api-Secret-Token</c> (webhook mode, required there): 1-256 characters of
    /// A-Z, a-z, 0-9, <c>_</c> and <c>-</c>. Requests without it are refused.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Telegram user ids allowed to use /stats and /plugins. Default: none.</summary>
    public List<long> AdminIds { get; set; } = [];

    /// <summary>
    /// True when <see cref="ApiBaseUrl"/> is a self-hosted Bot API server (<c>--local</c>), which accepts 2000 MB uploads.
    /// Default: true exactly when <see cref="ApiBaseUrl"/> is not api.telegram.org.
    /// </summary>
    public bool? LocalApiServer { get; set; }

    /// <summary>Largest upload through Telegram's cloud, in MB. Default 50 (Telegram's limit).</summary>
    [Range(1, 50)]
    public int CloudUploadLimitMb { get; set; } = 50;

    /// <summary>Largest upload through a local Bot API server, in MB. Default 2000 (its limit).</summary>
    [Range(1, 2000)]
    public int LocalUploadLimitMb { get; set; } = 2000;

    /// <summary>An exact upload limit in bytes that overrides both MB limits. Default: unset.</summary>
    [Range(1, long.MaxValue)]
    public long? UploadLimitBytes { get; set; }

    /// <summary>
    /// A video over the upload limit in every format is cut at keyframes into playable parts under the limit ("part 1/3"),
    /// at most <see cref="MaxSplitParts"/>. Default true.
    /// </summary>
    public bool SplitLargeFiles { get; set; } = true;

    /// <summary>Most parts one video is split into; a longer one is refused as too large. Default 10.</summary>
    [Range(2, 50)]
    public int MaxSplitParts { get; set; } = 10;

    /// <summary>Most links handled from one message; the rest are ignored. Default 5.</summary>
    [Range(1, 50)]
    public int MaxLinksPerMessage { get; set; } = 5;

    /// <summary>Videos of a playlist, channel or profile sent per press of its "send" button (each a job of its own). Default 5.</summary>
    [Range(1, 10)]
    public int PlaylistBatch { get; set; } = 5;

    /// <summary>When links in groups are answered. Default: when the bot is mentioned or replied to.</summary>
    public GroupMode GroupMode { get; set; } = GroupMode.Mention;

    /// <summary>Least time between two edits of one status message, in ms (Telegram's flood limits). Default 2500.</summary>
    [Range(100, 60_000)]
    public int StatusEditIntervalMs { get; set; } = 2500;

    /// <summary>How long one <c>getUpdates</c> long poll waits for updates, in seconds. Default 25.</summary>
    [Range(0, 50)]
    public int PollTimeoutSeconds { get; set; } = 25;

    /// <summary>Longest one Bot API call may take (uploads included), in seconds. Default 900.</summary>
    [Range(10, 7200)]
    public int RequestTimeoutSeconds { get; set; } = 900;

    /// <summary>Longest a 429's <c>retry_after</c> is waited out before giving up on that call, in seconds. Default 120.</summary>
    [Range(1, 3600)]
    public int MaxRetryAfterSeconds { get; set; } = 120;

    /// <summary>Updates waiting to be handled; past this a webhook answers 503 so Telegram retries later. Default 1000.</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>
    /// Updates handled at once (commands, and starting jobs). Each waits for its job's record to be on disk, and the records
    /// of the updates handled together share one commit, so more workers store a burst in fewer commits. Default 32.
    /// </summary>
    [Range(1, 256)]
    public int UpdateWorkers { get; set; } = 32;

    /// <summary>Whether <see cref="ApiBaseUrl"/> is a local Bot API server (see <see cref="LocalApiServer"/>).</summary>
    public bool IsLocalApiServer =>
        LocalApiServer ?? !(Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var uri)
                            && uri.Host.Equals("api.telegram.org", StringComparison.OrdinalIgnoreCase));

    /// <summary>The largest file the bot may upload, in bytes.</summary>
    public long UploadLimit => UploadLimitBytes ?? (IsLocalApiServer ? LocalUploadLimitMb : CloudUploadLimitMb) * 1024L * 1024L;
}
