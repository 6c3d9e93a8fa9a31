using VideoBot.Host.Plugins;

namespace VideoBot.Host.Routing;

/// <summary>Where a URL goes: its normalized form and the plugins to try, best first.</summary>
/// <param name="Input">The URL as given.</param>
/// <param name="Url">The normalized URL, or <see langword="null"/> when the input is not a usable http(s) URL.</param>
/// <param name="Candidates">The fallback chain, best first; empty when no plugin claims the URL.</param>
/// <param name="Error">Why the input could not be routed, when <paramref name="Url"/> is null.</param>
internal sealed record RouteResult(string Input, Uri? Url, IReadOnlyList<RouteCandidate> Candidates, string? Error = null)
{
    public bool IsRouted => Url is not null && Candidates.Count > 0;
}

/// <summary>One plugin that claims a URL, and the named groups its pattern captured.</summary>
internal sealed record RouteCandidate(PluginHandle Plugin, IReadOnlyDictionary<string, string> Match)
{
    /// <summary>
    /// The URL as this plugin normalizes it (its host aliases and <c>keepQuery</c> applied): what to hand its extractor.
    /// Null only for candidates built elsewhere; the router always sets it.
    /// </summary>
    public Uri? Url { get; init; }

    /// <summary>
    /// True when the URL is a short or share link of this plugin (<c>shortLinks</c> host or <c>resolveRedirects</c> pattern):
    /// resolve it with <see cref="ShortLinkResolver"/> first; <see cref="Match"/> is empty until then.
    /// </summary>
    public bool NeedsRedirectResolution { get; init; }
}
