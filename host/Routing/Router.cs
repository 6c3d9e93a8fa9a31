using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using VideoBot.Host.Plugins;

namespace VideoBot.Host.Routing;

/// <summary>
/// Normalizes a link and lists the plugins that claim it: specific plugins by effective priority (active before
/// degraded), then the generic fallbacks. Host lookups go through an index rebuilt once per catalog snapshot.
/// </summary>
internal sealed partial class Router(IPluginCatalog catalog, ILogger<Router> logger) : IRouter
{
    private IndexFor? _index;

    public RouteResult Route(string url)
    {
        if (!UrlNormalizer.TryNormalize(url, out var normalized, out var error))
        {
            return new RouteResult(url, null, [], error);
        }

        var candidates = new List<RouteCandidate>();
        foreach (var plugin in CurrentIndex().PluginsFor(normalized!.Host))
        {
            if (plugin.IsServing && TryCandidate(plugin, normalized) is { } candidate)
            {
                candidates.Add(candidate);
            }
        }

        candidates.Sort(CompareCandidates);
        var best = candidates.Count > 0 ? candidates[0].Url : null;
        return new RouteResult(url, best ?? normalized.ToUri(), candidates);
    }

    private RouteCandidate? TryCandidate(PluginHandle plugin, NormalizedUrl url)
    {
        var claims = PluginUrlMatcher.ClaimsHost(plugin, url.Host);
        var shortHost = PluginUrlMatcher.IsShortLinkHost(plugin, url.Host);
        if (!claims && !shortHost)
        {
            return null;
        }

        var own = PluginUrlMatcher.ForPlugin(plugin, url);
        var text = own.ToString();
        try
        {
            if (PluginUrlMatcher.Match(plugin, text) is { } match)
            {
                return new RouteCandidate(plugin, match) { Url = own.ToUri() };
            }

            if (shortHost || (claims && plugin.RedirectPatterns.Any(p => p.IsMatch(text))))
            {
                return new RouteCandidate(plugin, new Dictionary<string, string>()) { Url = own.ToUri(), NeedsRedirectResolution = true };
            }
        }
        catch (RegexMatchTimeoutException ex)
        {
            LogPatternTimeout(ex, plugin.Id, ex.Pattern);
        }

        return null;
    }

    private static int CompareCandidates(RouteCandidate a, RouteCandidate b)
    {
        var x = a.Plugin;
        var y = b.Plugin;
        var order = x.IsGenericFallback.CompareTo(y.IsGenericFallback);
        if (order == 0)
        {
            order = (x.Status == PluginStatus.Degraded).CompareTo(y.Status == PluginStatus.Degraded);
        }

        if (order == 0)
        {
            order = y.EffectivePriority.CompareTo(x.EffectivePriority);
        }

        return order != 0 ? order : string.CompareOrdinal(x.Id, y.Id);
    }

    /// <summary>The index for the catalog's current snapshot; a new snapshot (a reload) gets a new index.</summary>
    private RoutingIndex CurrentIndex()
    {
        var plugins = catalog.Plugins;
        var current = Volatile.Read(ref _index);
        if (current is not null && ReferenceEquals(current.Plugins, plugins))
        {
            return current.Index;
        }

        var built = new IndexFor(plugins, new RoutingIndex(plugins));
        Volatile.Write(ref _index, built);
        return built.Index;
    }

    private sealed record IndexFor(IReadOnlyList<PluginHandle> Plugins, RoutingIndex Index);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId}: URL pattern {Pattern} timed out; skipping the plugin for this link")]
    private partial void LogPatternTimeout(Exception exception, string pluginId, string pattern);
}
