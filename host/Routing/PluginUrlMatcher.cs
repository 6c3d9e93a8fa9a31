using System.Text.RegularExpressions;
using VideoBot.Host.Plugins;
using VideoBot.Host.Manifests;

namespace VideoBot.Host.Routing;

/// <summary>One plugin's view of a normalized link: its host aliases and kept query parameters applied, then its patterns.</summary>
internal static class PluginUrlMatcher
{
    /// <summary>The link as <paramref name="plugin"/> wants it: mobile hosts mapped, and only its <c>keepQuery</c> when it lists any.</summary>
    public static NormalizedUrl ForPlugin(PluginHandle plugin, NormalizedUrl url)
    {
        var normalize = plugin.Manifest?.Normalize;
        if (normalize is null)
        {
            return url;
        }

        var host = url.Host;
        foreach (var (alias, canonical) in normalize.HostAliases)
        {
            if (string.Equals(DomainMatch.Canonical(alias), host, StringComparison.Ordinal))
            {
                host = DomainMatch.Canonical(canonical);
                break;
            }
        }

        var query = normalize.KeepQuery.Count == 0
            ? url.Query
            : url.Query.Where(q => normalize.KeepQuery.Contains(q.Name, StringComparer.Ordinal)).ToList();
        return url with { Host = host, Query = query };
    }

    /// <summary>
    /// The named groups of the first of the plugin's patterns that matches <paramref name="url"/>, or null when none does.
    /// </summary>
    /// <exception cref="RegexMatchTimeoutException">A pattern took too long on this URL.</exception>
    public static IReadOnlyDictionary<string, string>? Match(PluginHandle plugin, string url)
    {
        foreach (var pattern in plugin.Patterns)
        {
            var match = pattern.Match(url);
            if (!match.Success)
            {
                continue;
            }

            var groups = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var group in match.Groups.Values)
            {
                if (group.Success && !int.TryParse(group.Name, out _))
                {
                    groups[group.Name] = group.Value;
                }
            }

            return groups;
        }

        return null;
    }

    /// <summary>True when the plugin's domains cover the host (a <c>*</c> domain covers every host).</summary>
    public static bool ClaimsHost(PluginHandle plugin, string host) =>
        plugin.Manifest is { } manifest
        && (plugin.IsGenericFallback || DomainMatch.CoversAny(manifest.Domains, host) || IsAliasHost(plugin, host));

    /// <summary>True when the host is one of the plugin's short-link hosts (or their subdomains).</summary>
    public static bool IsShortLinkHost(PluginHandle plugin, string host) =>
        plugin.Manifest is { } manifest && DomainMatch.CoversAny(manifest.ShortLinks, host);

    private static bool IsAliasHost(PluginHandle plugin, string host) =>
        plugin.Manifest!.Normalize.HostAliases.Keys.Any(alias => string.Equals(DomainMatch.Canonical(alias), host, StringComparison.Ordinal));
}
