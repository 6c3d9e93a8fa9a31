using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Observability;

internal static partial class ObservabilityLog
{
    [LoggerMessage(2301, LogLevel.Information, "Job finished: {JobOutcome} in {ElapsedMs} ms")]
    public static partial void JobFinished(ILogger logger, string jobOutcome, long elapsedMs);
}
