using System.Collections.Immutable;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Plugins;

/// <summary>
/// The admins' <c>/disable ID</c> and <c>/enable ID</c>, held in memory until the process ends: they win over
/// <c>Plugins:Disabled</c>, so an admin can switch a plugin back on that the config keeps off. To make a choice survive a
/// restart, put it in the config.
/// </summary>
internal sealed class PluginOverrides
{
    private ImmutableDictionary<string, bool> _enabled = ImmutableDictionary.Create<string, bool>(StringComparer.Ordinal);

    /// <summary>Switches a plugin off until <see cref="Enable"/> or a restart.</summary>
    public void Disable(string id) => ImmutableInterlocked.AddOrUpdate(ref _enabled, id, false, (_, _) => false);

    /// <summary>Switches a plugin on, even one <c>Plugins:Disabled</c> lists, until <see cref="Disable"/> or a restart.</summary>
    public void Enable(string id) => ImmutableInterlocked.AddOrUpdate(ref _enabled, id, true, (_, _) => true);

    /// <summary>Why <paramref name="id"/> is off, or null when it may load.</summary>
    public string? DisabledReason(string id, PluginsOptions options) =>
        Volatile.Read(ref _enabled).TryGetValue(id, out var enabled)
            ? enabled ? null : "disabled by an admin (/disable)"
            : options.Disabled.Contains(id, StringComparer.Ordinal) ? "disabled by Plugins:Disabled" : null;
}
