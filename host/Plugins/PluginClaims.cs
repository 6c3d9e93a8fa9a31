using VideoBot.Host.Configuration;
using VideoBot.Host.Manifests;
using VideoBot.Host.Routing;

namespace VideoBot.Host.Plugins;

/// <summary>
/// Who may route a domain. A script plugin is untrusted, so declaring a domain and a high priority must not be enough to take
/// another plugin's links: a domain one serving plugin already claims (the domain itself, a parent or a subdomain of it) is
/// refused to any other plugin, unless the operator allows that one (<c>Plugins:Claims:&lt;domain&gt;: &lt;id&gt;</c>, or
/// any <c>Plugins:Priority:&lt;id&gt;</c> entry, which says the operator has ranked it). The refused plugin keeps its other
/// domains; <c>generic</c>'s <c>*</c> is no claim and never conflicts.
/// </summary>
/// <remarks>
/// Who is first, deterministically: a claim the same plugin id held in the previous snapshot (so a new version of a plugin
/// keeps its domains, and a newcomer never displaces a serving plugin); then, with no history (at start), the lower
/// priority, then the id in ordinal order. Raising a priority therefore never wins a contested domain by itself.
/// </remarks>
internal static class PluginClaims
{
    /// <summary>The keys a plugin is found under in the routing index: its domains, short-link hosts and host aliases.</summary>
    public static IEnumerable<string> Keys(PluginManifest manifest) =>
        manifest.Domains.Where(d => d != "*")
            .Concat(manifest.ShortLinks)
            .Concat(manifest.Normalize.HostAliases.Keys)
            .Select(DomainMatch.Canonical)
            .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Sets each serving plugin's <see cref="PluginHandle.RefusedClaims"/> and returns the claims now held, by plugin id, for
    /// the next call's <paramref name="held"/>.
    /// </summary>
    public static HashSet<(string Id, string Domain)> Resolve(IReadOnlyList<PluginHandle> plugins, IReadOnlySet<(string Id, string Domain)> held, PluginsOptions options)
    {
        var claims = plugins
            .Where(p => p.Manifest is not null && p.IsServing)
            .SelectMany(p => Keys(p.Manifest!).Select(domain => (Plugin: p, Domain: domain)))
            .OrderBy(c => held.Contains((c.Plugin.Id, c.Domain)) ? 0 : 1)
            .ThenBy(c => c.Plugin.EffectivePriority)
            .ThenBy(c => c.Plugin.Id, StringComparer.Ordinal)
            .ThenBy(c => c.Domain, StringComparer.Ordinal)
            .ToList();

        // An allowed claim shares the domain; it holds it against others only when it was there first.
        var accepted = new List<(string Id, string Domain, bool Holds)>();
        var refused = new Dictionary<PluginHandle, Dictionary<string, string>>(ReferenceEqualityComparer.Instance);
        foreach (var (plugin, domain) in claims)
        {
            var holder = accepted.FirstOrDefault(a => a.Holds && a.Id != plugin.Id && Overlap(a.Domain, domain));
            if (holder.Id is null || Allowed(plugin.Id, domain, options))
            {
                accepted.Add((plugin.Id, domain, holder.Id is null));
                continue;
            }

            if (!refused.TryGetValue(plugin, out var mine))
            {
                refused[plugin] = mine = new Dictionary<string, string>(StringComparer.Ordinal);
            }

            mine[domain] = holder.Id;
        }

        foreach (var plugin in plugins)
        {
            plugin.RefusedClaims = refused.TryGetValue(plugin, out var mine) ? mine : EmptyClaims;
        }

        return [.. accepted.Select(a => (a.Id, a.Domain))];
    }

    /// <summary>What <see cref="PluginHandle.RefusedClaims"/> means, for /plugins and the admins' notice; null when nothing is refused.</summary>
    public static string? Describe(PluginHandle plugin) =>
        plugin.RefusedClaims.Count == 0
            ? null
            : "refused for " + string.Join(", ", plugin.RefusedClaims.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => $"{c.Key} (claimed by {c.Value})"))
              + $"; to let it claim one, set Plugins:Claims:<domain>: {plugin.Id}";

    private static readonly IReadOnlyDictionary<string, string> EmptyClaims = new Dictionary<string, string>();

    // The same domain, or one covering the other: a claim on m.youtube.com takes youtube.com's links as surely as youtube.com.
    private static bool Overlap(string a, string b) => DomainMatch.Covers(a, b) || DomainMatch.Covers(b, a);

    private static bool Allowed(string id, string domain, PluginsOptions options) =>
        options.Priority.ContainsKey(id)
        || options.Claims.Any(c => string.Equals(c.Value, id, StringComparison.Ordinal) && DomainMatch.Covers(DomainMatch.Canonical(c.Key), domain));
}
