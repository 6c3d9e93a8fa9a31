using System.Text.RegularExpressions;

namespace VideoBot.Host.Manifests;

/// <summary>Compiles a manifest's URL patterns the one way the router expects them.</summary>
internal static class PluginPatterns
{
    /// <summary>
    /// Long enough for any sane URL pattern on a 2048-character URL, short enough that a catastrophic pattern costs the
    /// router one skipped plugin, not a stalled job.
    /// </summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Patterns stay case-sensitive: the router lower-cases scheme and host before matching, and paths are case-sensitive
    /// on many sites (YouTube ids, Instagram shortcodes), so ignoring case there would blur distinct ids.
    /// </summary>
    public const RegexOptions Options = RegexOptions.CultureInvariant;

    /// <exception cref="ArgumentException">A pattern does not compile; the message names it.</exception>
    public static IReadOnlyList<Regex> Compile(PluginManifest manifest) => Compile(manifest.UrlPatterns);

    /// <inheritdoc cref="Compile(PluginManifest)"/>
    public static IReadOnlyList<Regex> Compile(IEnumerable<string> patterns)
    {
        var compiled = new List<Regex>();
        foreach (var pattern in patterns)
        {
            try
            {
                compiled.Add(new Regex(pattern, Options, MatchTimeout));
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"urlPattern {pattern} does not compile: {ex.Message}", ex);
            }
        }

        return compiled;
    }
}
