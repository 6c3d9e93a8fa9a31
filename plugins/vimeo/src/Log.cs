using Microsoft.Extensions.Logging;

namespace VideoBot.Plugins.Vimeo;

/// <summary>
/// The plugin's log lines. <c>LoggerMessage.Define</c> rather than the source generator: the plugin gets the logging
/// abstractions from the host at run time and does not reference the package (nor its generator) itself.
/// </summary>
internal static class Log
{
    private static readonly Action<ILogger, string, int, Exception?> PageSkipped = LoggerMessage.Define<string, int>(
        LogLevel.Information, new EventId(7101, "VimeoPageSkipped"), "Vimeo page of {Id} answered {Status}; trying the next config source");

    private static readonly Action<ILogger, string, Exception?> PageWithoutConfig = LoggerMessage.Define<string>(
        LogLevel.Information, new EventId(7102, "VimeoPageWithoutConfig"), "Vimeo page of {Id} names no player config; trying the next config source");

    private static readonly Action<ILogger, int, Exception?> TokenRefusedMessage = LoggerMessage.Define<int>(
        LogLevel.Warning, new EventId(7103, "VimeoTokenRefused"), "api.vimeo.com refused the app credentials ({Status}); check Plugins:Settings:vimeo:apiClientId and apiClientSecret");

    private static readonly Action<ILogger, string, int, int?, Exception?> ApiRefusedMessage = LoggerMessage.Define<string, int, int?>(
        LogLevel.Information, new EventId(7104, "VimeoApiRefused"), "api.vimeo.com gave no config URL for {Id} ({Status}, error code {ErrorCode})");

    private static readonly Action<ILogger, string, string, Exception?> HandedToYtDlp = LoggerMessage.Define<string, string>(
        LogLevel.Information, new EventId(7105, "VimeoHandedToYtDlp"), "Vimeo refused every config source for {Id} ({Reason}); handing it to yt-dlp");

    private static readonly Action<ILogger, string, string, Exception?> ConfigSkipped = LoggerMessage.Define<string, string>(
        LogLevel.Information, new EventId(7106, "VimeoConfigSkipped"), "the signed player config of {Id} was refused ({Reason}); trying the next config source");

    public static void PageRefused(ILogger logger, string id, int status) => PageSkipped(logger, id, status, null);

    public static void NoConfigInPage(ILogger logger, string id) => PageWithoutConfig(logger, id, null);

    public static void TokenRefused(ILogger logger, int status) => TokenRefusedMessage(logger, status, null);

    public static void ApiRefused(ILogger logger, string id, int status, int? errorCode) => ApiRefusedMessage(logger, id, status, errorCode, null);

    public static void Delegated(ILogger logger, string id, string reason) => HandedToYtDlp(logger, id, reason, null);

    public static void SignedConfigRefused(ILogger logger, string id, string reason) => ConfigSkipped(logger, id, reason, null);
}
