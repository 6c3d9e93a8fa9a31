using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Scripting;

/// <summary>The <c>log.*</c> lines of scripts, and the host's own notes about script runs.</summary>
internal static partial class ScriptLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "script {PluginId}: {Text}")]
    public static partial void ScriptDebug(ILogger logger, string pluginId, string text);

    [LoggerMessage(Level = LogLevel.Information, Message = "script {PluginId}: {Text}")]
    public static partial void ScriptInfo(ILogger logger, string pluginId, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "script {PluginId}: {Text}")]
    public static partial void ScriptWarn(ILogger logger, string pluginId, string text);

    [LoggerMessage(Level = LogLevel.Debug, Message = "script {PluginId} failed: {Kind}")]
    public static partial void RunFailed(ILogger logger, Exception exception, string pluginId, string kind);
}
