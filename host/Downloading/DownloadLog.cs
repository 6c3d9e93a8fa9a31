using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Downloading;

internal static partial class DownloadLog
{
    [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "Downloaded {Bytes} bytes over {Protocol} to {Path}")]
    public static partial void Finished(ILogger logger, long bytes, string protocol, string path);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Debug, Message = "HLS: chose the {Bandwidth} bit/s variant ({Estimate} bytes estimated) of {Count}")]
    public static partial void VariantChosen(ILogger logger, long bandwidth, long? estimate, int count);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "Could not delete the leftover {Path}")]
    public static partial void CleanupFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Warning, Message = "ffmpeg failed (exit {ExitCode}): {Error}")]
    public static partial void FfmpegFailed(ILogger logger, int exitCode, string error);
}
