using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Plugins.HotSwap;

/// <summary>
/// Records extraction outcomes in a plugin's <see cref="PluginHealth"/> and reports when it turns degraded or recovers,
/// in the log and to the admins.
/// </summary>
internal sealed partial class HealthRecorder(PluginNotices notices, ILogger<HealthRecorder> logger)
{
    public void Success(PluginHandle plugin) => Record(plugin, p => p.Health.RecordSuccess());

    public void Failure(PluginHandle plugin, string error) => Record(plugin, p => p.Health.RecordFailure(error));

    private void Record(PluginHandle plugin, Action<PluginHandle> record)
    {
        var before = plugin.Status;
        record(plugin);
        var after = plugin.Status;
        if (before != PluginStatus.Degraded && after == PluginStatus.Degraded)
        {
            var reason = plugin.Health.Describe();
            LogDegraded(plugin.Id, plugin.Manifest?.Version, reason);
            notices.Publish(new PluginNotice(PluginNoticeKind.Degraded, plugin.Id, plugin.Manifest?.Version, Reason: reason));
        }
        else if (before == PluginStatus.Degraded && after == PluginStatus.Active)
        {
            LogRecovered(plugin.Id, plugin.Manifest?.Version);
            notices.Publish(new PluginNotice(PluginNoticeKind.Recovered, plugin.Id, plugin.Manifest?.Version));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId} {Version} is degraded: {Reason}; the router prefers other candidates")]
    private partial void LogDegraded(string pluginId, string? version, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} {Version} has recovered")]
    private partial void LogRecovered(string pluginId, string? version);
}
