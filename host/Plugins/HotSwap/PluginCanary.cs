using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Validation;

namespace VideoBot.Host.Plugins.HotSwap;

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
    ILogger<PluginCanary> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = options.CurrentValue.CanaryIntervalMinutes;
        if (minutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One round over every serving plugin that has manifest tests.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var plugin in catalog.Plugins.Where(p => p.IsServing && p.Manifest is { Tests.Count: > 0 }))
        {
            using var lease = plugin.TryLease();
            if (lease is null)
            {
                continue;
            }

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
                health.Success(plugin);
                continue;
            }

            LogCanaryFailed(plugin.Id, plugin.Manifest?.Version, failure);
            health.Failure(plugin, "canary: " + failure);
            notices.Publish(new PluginNotice(PluginNoticeKind.CanaryFailed, plugin.Id, plugin.Manifest?.Version, Reason: failure));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Canary for plugin {PluginId} {Version} failed: {Reason}")]
    private partial void LogCanaryFailed(string pluginId, string? version, string reason);
}
