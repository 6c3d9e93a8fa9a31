using Microsoft.Extensions.Hosting;
using VideoBot.Host.PluginLifecycle.Probes;
using VideoBot.Host.Plugins;

namespace VideoBot.Host.PluginLifecycle.HotSwap;

/// <summary>
/// A check run over every serving plugin on a schedule, its outcomes counted in the plugin's health: the manifest tests
/// (<see cref="PluginCanary"/>) and the live probes (<c>Probes.PluginProbes</c>). Each plugin is leased for its check, so a
/// swap waits for it and a retired version is skipped.
/// </summary>
internal abstract class PluginRounds(IPluginCatalog catalog) : BackgroundService
{
    /// <summary>How often a round runs; null when the schedule is off.</summary>
    protected abstract TimeSpan? Interval { get; }

    /// <summary>True to run a round as soon as the host starts, rather than one interval later.</summary>
    protected virtual bool RoundAtStart => false;

    /// <summary>Whether a plugin has anything for this check.</summary>
    protected abstract bool Applies(PluginHandle plugin);

    /// <summary>Checks one leased plugin and records the outcome; never throws but for cancellation.</summary>
    protected abstract Task CheckAsync(PluginHandle plugin, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval is not { } interval)
        {
            return;
        }

        // The host's start is not held up by a round.
        await Task.Yield();
        if (RoundAtStart)
        {
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
        }

        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One round over every serving plugin the check applies to.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var plugin in catalog.Plugins.Where(p => p.IsServing && p.Manifest is not null && Applies(p)))
        {
            using var lease = plugin.TryLease();
            if (lease is not null)
            {
                await CheckAsync(plugin, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
