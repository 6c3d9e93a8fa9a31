namespace VideoBot.Host.Routing;

/// <summary>
/// The platform a routed link belongs to, found once with the route (the extraction, the per-platform limits and the circuit
/// breakers all key it so): the first candidate plugin's id, except for a generic fallback plugin (<c>domains: ["*"]</c>),
/// which serves any site, so each site is a platform of its own (one broken site must not open the circuit of every other).
/// <see cref="Name"/> is what users read.
/// </summary>
internal readonly record struct Platform(string Key, string Name)
{
    public static Platform Of(RouteResult route)
    {
        var plugin = route.Candidates[0].Plugin;
        if (plugin.IsGenericFallback && route.Url is { } url)
        {
            var host = url.IdnHost.ToLowerInvariant();
            return new Platform(plugin.Id + ":" + host, url.Host);
        }

        return new Platform(plugin.Id, plugin.Manifest?.Name ?? plugin.Id);
    }
}
