using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Plugins.HotSwap;
using VideoBot.Host.PluginLifecycle.HotSwap;
using VideoBot.Host.Plugins;

namespace VideoBot.Host.PluginLifecycle.Probes;

/// <summary>
/// When <c>Plugins:ProbeIntervalMinutes</c> is above zero, runs every serving plugin's manifest probes against the real sites
/// at start and then on that schedule. Each probe's outcome joins the plugin's health beside real jobs' (source "probes"),
/// so a site that changed shows in <c>/status</c>, in the success-ratio metric and, when it keeps failing, as a degraded
/// plugin, even while no user sends its links.
/// </summary>
internal sealed partial class PluginProbes(
    IPluginCatalog catalog,
    ProbeRunner probes,
    HealthRecorder health,
    IOptionsMonitor<PluginsOptions> options,
    ILogger<PluginProbes> logger) : PluginRounds(catalog)
{
    protected override TimeSpan? Interval =>
        options.CurrentValue.ProbeIntervalMinutes is > 0 and var minutes ? TimeSpan.FromMinutes(minutes) : null;

    /// <summary>A bot that has just started knows nothing of the sites yet: the first round tells <c>/status</c> at once.</summary>
    protected override bool RoundAtStart => true;

    protected override bool Applies(PluginHandle plugin) => plugin.Manifest!.Probes.Count > 0;

    protected override async Task CheckAsync(PluginHandle plugin, CancellationToken cancellationToken)
    {
        foreach (var result in await probes.RunAsync(plugin, cancellationToken).ConfigureAwait(false))
        {
            if (result.Passed)
            {
                health.Success(plugin, HealthSource.Probes, result.Elapsed);
                continue;
            }

            LogProbeFailed(plugin.Id, result.Name, result.FailureKind!, result.Detail ?? "");
            health.Failure(plugin, $"probe '{result.Name}': {result.FailureKind}: {result.Detail}", HealthSource.Probes, result.FailureKind, result.Elapsed);
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Probe of plugin {PluginId} '{Probe}' failed with {Kind}: {Detail}")]
    private partial void LogProbeFailed(string pluginId, string probe, string kind, string detail);
}
