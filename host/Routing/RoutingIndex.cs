using System.Collections.Frozen;
using VideoBot.Host.Plugins;
using VideoBot.Host.Manifests;

namespace VideoBot.Host.Routing;

/// <summary>
/// Host to the plugins that may claim it, built once per catalog snapshot: a lookup walks the host's parent domains
/// (<c>www.instagram.com</c>, <c>instagram.com</c>, <c>com</c>) instead of testing every plugin. Status is checked at
/// routing time, since a plugin may turn degraded between snapshots.
/// </summary>
internal sealed class RoutingIndex
{
    private readonly FrozenDictionary<string, PluginHandle[]> _byDomain;
    private readonly PluginHandle[] _generic;

    public RoutingIndex(IEnumerable<PluginHandle> plugins)
    {
        var byDomain = new Dictionary<string, List<PluginHandle>>(StringComparer.Ordinal);
        var generic = new List<PluginHandle>();
        foreach (var plugin in plugins)
        {
            if (plugin.Manifest is not { } manifest)
            {
                continue;
            }

            if (plugin.IsGenericFallback)
            {
                generic.Add(plugin);
            }

            // A domain another plugin holds is not this plugin's to route (Plugins/PluginClaims.cs).
            foreach (var key in PluginClaims.Keys(manifest).Where(k => !plugin.RefusedClaims.ContainsKey(k)))
            {
                if (!byDomain.TryGetValue(key, out var list))
                {
                    byDomain[key] = list = [];
                }

                list.Add(plugin);
            }
        }

        _byDomain = byDomain.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _generic = [.. generic];
    }

    /// <summary>Every plugin whose domains, short-link hosts or host aliases may cover <paramref name="host"/>, then the generic ones.</summary>
    public IEnumerable<PluginHandle> PluginsFor(string host)
    {
        var seen = new HashSet<PluginHandle>(ReferenceEqualityComparer.Instance);
        foreach (var suffix in DomainMatch.Suffixes(host))
        {
            if (_byDomain.TryGetValue(suffix, out var plugins))
            {
                foreach (var plugin in plugins.Where(seen.Add))
                {
                    yield return plugin;
                }
            }
        }

        foreach (var plugin in _generic.Where(seen.Add))
        {
            yield return plugin;
        }
    }
}
