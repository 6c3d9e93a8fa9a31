using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.PluginTesting;
using VideoBot.Host.Plugins;
using VideoBot.Host.Plugins.HotSwap;

namespace VideoBot.Host.PluginLifecycle.HotSwap;

/// <summary>
/// When <c>Plugins:CanaryIntervalMinutes</c> is above zero, runs every serving plugin's manifest tests on that schedule and
/// counts the outcome in its health: a plugin whose code broke (a bad edit, a dependency gone) turns degraded before users
/// notice. The tests replay their recorded fixtures, so a canary needs no network.
/// </summary>
internal sealed partial class PluginCanary(
    IPluginCatalog catalog,
    PluginTestRunner tests,
    HealthRecorder health,
    PluginNotices notices,
    IOptionsMonitor<PluginsOptions> options,
    ILogger<PluginCanary> logger) : PluginRounds(catalog)
{
    protected override TimeSpan? Interval =>
        options.CurrentValue.CanaryIntervalMinutes is > 0 and var minutes ? TimeSpan.FromMinutes(minutes) : null;

    protected override bool Applies(PluginHandle plugin) => plugin.Manifest!.Tests.Count > 0;

    protected override async Task CheckAsync(PluginHandle plugin, CancellationToken cancellationToken)
    {
        string? failure;
        try
        {
            var results = await tests.RunAsync(plugin, cancellationToken).ConfigureAwait(false);
            failure = results.FirstOrDefault(r => !r.Passed) is { } failed
                ? $"manifest test '{failed.Name}' failed: {string.Join("; ", failed.Failures)}"
                : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failure = $"manifest tests could not run: {ex.GetType().Name}: {ex.Message}";
        }

        if (failure is null)
        {
            health.Success(plugin, HealthSource.Canary);
            return;
        }

        LogCanaryFailed(plugin.Id, plugin.Manifest?.Version, failure);
        health.Failure(plugin, "canary: " + failure, HealthSource.Canary, kind: "TestFailed");
        notices.Publish(new PluginNotice(PluginNoticeKind.CanaryFailed, plugin.Id, plugin.Manifest?.Version, Reason: failure));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Canary for plugin {PluginId} {Version} failed: {Reason}")]
    private partial void LogCanaryFailed(string pluginId, string? version, string reason);
}
