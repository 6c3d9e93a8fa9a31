using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Network;

internal static partial class NetworkLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Refused a connection: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Plugin {PluginId}: request refused: {Reason}")]
    public static partial void PluginRequestRefused(ILogger logger, string pluginId, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Egress proxy for child processes listening on {Url}")]
    public static partial void ProxyStarted(ILogger logger, Uri url);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Egress proxy refused {Target}: {Reason}")]
    public static partial void ProxyRefused(ILogger logger, string target, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Egress proxy connection ended with an error")]
    public static partial void ProxyConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Egress proxy is at its limit of {Limit} connections; refusing one")]
    public static partial void ProxyBusy(ILogger logger, int limit);
}
