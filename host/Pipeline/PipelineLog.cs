using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Pipeline;

/// <summary>
/// The pipeline's log events, source-generated. Their ids are the ones they had when the pipeline lived in the Telegram
/// adapter (<c>TelegramLog</c>), so the operator's searches and alerts keep working.
/// </summary>
internal static partial class PipelineLog
{
    // The kind and the failure's own (capped) message; the exception, with a script's inner errors and stacks, only at Debug.
    [LoggerMessage(10, LogLevel.Information, "Job for {Url} failed: {Kind}: {Reason}")]
    public static partial void JobFailed(ILogger logger, string url, string kind, string reason);

    [LoggerMessage(21, LogLevel.Debug, "Job for {Url} failed; the exception")]
    public static partial void JobFailedDetail(ILogger logger, Exception exception, string url);

    [LoggerMessage(11, LogLevel.Information, "Sent {Url} ({Choice}) as {Count} file(s) in {Elapsed} ms")]
    public static partial void JobSucceeded(ILogger logger, string url, string choice, int count, long elapsed);

    [LoggerMessage(12, LogLevel.Information, "Answered {Url} ({Choice}) from the file_id cache")]
    public static partial void CacheHit(ILogger logger, string url, string choice);

    [LoggerMessage(13, LogLevel.Warning, "Telegram rejected a cached file_id for {Url} ({Choice}); dropping it and fetching again")]
    public static partial void CacheStale(ILogger logger, Exception exception, string url, string choice);

    [LoggerMessage(15, LogLevel.Debug, "No thumbnail from {Url}")]
    public static partial void ThumbnailSkipped(ILogger logger, Exception? exception, string url);

    [LoggerMessage(16, LogLevel.Warning, "Could not remove the job folder {Directory}")]
    public static partial void TempCleanupFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(19, LogLevel.Error, "Unexpected failure while handling {Url}")]
    public static partial void JobError(ILogger logger, Exception exception, string url);
}
