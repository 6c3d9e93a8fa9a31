using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Admission.Breaker;

internal static partial class ResilienceLog
{
    [LoggerMessage(2201, LogLevel.Information, "Extraction on {Platform} failed transiently; attempt {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, Exception? exception, string platform, int attempt, TimeSpan delay);

    [LoggerMessage(2202, LogLevel.Warning, "The circuit of {Platform} opened: failing fast for {Duration}")]
    public static partial void CircuitOpened(ILogger logger, string platform, TimeSpan duration);

    [LoggerMessage(2203, LogLevel.Information, "The circuit of {Platform} closed: the platform answers again")]
    public static partial void CircuitClosed(ILogger logger, string platform);
}
