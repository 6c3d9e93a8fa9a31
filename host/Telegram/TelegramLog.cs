using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Telegram;

/// <summary>The bot's log events, source-generated. Never log the token: Bot API URLs contain it, so none are logged here.</summary>
internal static partial class TelegramLog
{
    [LoggerMessage(1, LogLevel.Information, "Connected to the Bot API as @{Username} ({BotId}); mode {Mode}, upload limit {Limit} bytes")]
    public static partial void Connected(ILogger logger, string? username, long botId, string mode, long limit);

    [LoggerMessage(2, LogLevel.Warning, "The Bot API is not reachable yet; retrying in {Delay}")]
    public static partial void StartupRetry(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(3, LogLevel.Warning, "getUpdates failed; retrying in {Delay}")]
    public static partial void PollFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Information, "Webhook set for path {Path}")]
    public static partial void WebhookSet(ILogger logger, string path);

    [LoggerMessage(5, LogLevel.Warning, "Webhook request refused: wrong or missing secret token from {Remote}")]
    public static partial void WebhookRejected(ILogger logger, string? remote);

    [LoggerMessage(6, LogLevel.Warning, "The update queue is full; webhook update {UpdateId} refused with 503 so Telegram retries it")]
    public static partial void QueueFull(ILogger logger, int updateId);

    [LoggerMessage(7, LogLevel.Error, "Handling update {UpdateId} failed")]
    public static partial void UpdateFailed(ILogger logger, Exception exception, int updateId);

    [LoggerMessage(8, LogLevel.Information, "Telegram asked to slow down (429): waiting {Delay} before retrying, attempt {Attempt}")]
    public static partial void RateLimited(ILogger logger, TimeSpan delay, int attempt);

    [LoggerMessage(9, LogLevel.Debug, "Editing a status message failed")]
    public static partial void StatusEditFailed(ILogger logger, Exception exception);

    [LoggerMessage(18, LogLevel.Warning, "Could not set the bot's commands")]
    public static partial void CommandsFailed(ILogger logger, Exception exception);

    [LoggerMessage(20, LogLevel.Warning, "Webhook update {UpdateId} could not be stored as a job; answered 503 so Telegram sends it again")]
    public static partial void UpdateNotStored(ILogger logger, int updateId);
}
