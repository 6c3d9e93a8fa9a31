using Microsoft.Extensions.Logging;

namespace VideoBot.Host.YtDlp;

internal static partial class YtDlpLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "yt-dlp started (pid {ProcessId}) for {Purpose}")]
    public static partial void Started(ILogger logger, int processId, string purpose);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "yt-dlp failed (exit {ExitCode}, {Kind}): {Error}")]
    public static partial void Failed(ILogger logger, int exitCode, string kind, string error);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "yt-dlp was stopped after {Seconds} s (pid {ProcessId})")]
    public static partial void TimedOut(ILogger logger, int seconds, int processId);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "yt-dlp's version could not be read")]
    public static partial void VersionUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "A yt-dlp download passed the {Limit} byte limit and was stopped")]
    public static partial void TooLarge(ILogger logger, long limit);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "Could not delete the leftover {Path}")]
    public static partial void CleanupFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Information, Message = "yt-dlp: {Summary}")]
    public static partial void Capabilities(ILogger logger, string summary);

    [LoggerMessage(EventId = 5108, Level = LogLevel.Information, Message = "The media URLs of the described info were refused ({Error}); downloading from the link again")]
    public static partial void InfoExpired(ILogger logger, string error);
}
