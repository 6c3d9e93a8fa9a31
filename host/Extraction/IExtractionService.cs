
using VideoBot.Host.Routing;

namespace VideoBot.Host.Extraction;

/// <summary>
/// From a routed link to media: runs the candidate plugins in order (falling back on <c>SiteChanged</c> and plugin faults,
/// ending with yt-dlp), resolves short links, and resolves yt-dlp hand-overs into formats. The link is routed once, by the
/// caller; see <see cref="LinkExtraction"/> for a raw link.
/// </summary>
internal interface IExtractionService
{
    /// <summary>Extracts the link <paramref name="route"/> found plugins for.</summary>
    /// <param name="route">The routing of the link; <see cref="RouteResult.IsRouted"/> must be true.</param>
    /// <param name="platform"><see cref="Platform.Of"/> the route, computed once by the caller (it keys limits and circuits).</param>
    /// <param name="cancellationToken">Stops the extraction.</param>
    /// <exception cref="VideoBot.Sdk.Extraction.ExtractionException">The final failure, after every candidate was tried.</exception>
    Task<ExtractionOutcome> ExtractAsync(RouteResult route, Platform platform, CancellationToken cancellationToken) =>
        ExtractAsync(route, platform, plan: null, cancellationToken);

    /// <summary>
    /// Extracts the link <paramref name="route"/> found plugins for; a hand-over to yt-dlp is described and downloaded by one
    /// run following <paramref name="plan"/> (the outcome's <see cref="YtDlp.YtDlpHandOver.Run"/>).
    /// </summary>
    /// <param name="route">The routing of the link; <see cref="RouteResult.IsRouted"/> must be true.</param>
    /// <param name="platform"><see cref="Platform.Of"/> the route, computed once by the caller.</param>
    /// <param name="plan">The job's download; null to describe only.</param>
    /// <param name="cancellationToken">Stops the extraction (the run itself stops with <see cref="YtDlp.YtDlpPlan.Stop"/>).</param>
    /// <exception cref="VideoBot.Sdk.Extraction.ExtractionException">The final failure, after every candidate was tried.</exception>
    Task<ExtractionOutcome> ExtractAsync(RouteResult route, Platform platform, YtDlp.YtDlpPlan? plan, CancellationToken cancellationToken);
}
