using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Plugins.HotSwap;

/// <summary>
/// Records extraction outcomes in a plugin's <see cref="PluginHealth"/> and reports when it turns degraded or recovers,
/// in the log and to the admins.
/// </summary>
internal sealed partial class HealthRecorder(PluginNotices notices, ILogger<HealthRecorder> logger)
{
    public void Success(PluginHandle plugin, HealthSource source = HealthSource.Jobs, TimeSpan elapsed = default) =>
        Record(plugin, p => p.Health.RecordSuccess(source, elapsed));

    /// <summary>A failure that counts toward degradation; <paramref name="kind"/> defaults to the text before the error's first colon.</summary>
    public void Failure(PluginHandle plugin, string error, HealthSource source = HealthSource.Jobs, string? kind = null, TimeSpan elapsed = default) =>
        Record(plugin, p => p.Health.RecordFailure(error, source, kind, elapsed));

    /// <summary>
    /// A job's failure that is the site's trouble rather than the plugin's (a network error, a rate limit): it counts in the
    /// success ratio and <c>/status</c>, never toward degradation, so a site's bad minute does not reorder the router.
    /// </summary>
    public void SiteTrouble(PluginHandle plugin, string kind, string error, TimeSpan elapsed) =>
        plugin.Health.RecordFailure(error, HealthSource.Jobs, kind, elapsed, judged: false);

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
