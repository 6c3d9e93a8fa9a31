using Microsoft.Extensions.Logging;

namespace VideoBot.Sdk.Extraction;

/// <summary>What the host lends an extractor for one run.</summary>
public interface IExtractionContext
{
    /// <summary>The plugin's id, as in its manifest.</summary>
    string PluginId { get; }

    /// <summary>
    /// An HTTP client that reaches only the hosts in the manifest's <c>permissions.network</c>, never a private address
    /// unless the operator allows it, and follows redirects only under the same rules. A refused request throws
    /// <see cref="ExtractionException"/> with <see cref="ExtractionErrorKind.PermissionDenied"/>. It keeps this run's cookies
    /// as a browser does, for the permitted hosts only (starting with the operator's cookies for the plugin, if any), and
    /// forgets them when the run ends.
    /// </summary>
    HttpClient Http { get; }

    /// <summary>A logger whose category is the plugin's id.</summary>
    ILogger Logger { get; }

    /// <summary>The plugin's settings: the manifest's <c>settings</c> defaults, overridden by the operator's config.</summary>
    IReadOnlyDictionary<string, string> Settings { get; }
}
