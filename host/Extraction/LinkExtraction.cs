
using VideoBot.Host.Routing;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Extraction;

/// <summary>
/// Extraction of a raw link, for callers that have not routed it yet (the CLI's <c>extract</c> and <c>get</c>): routes it
/// once, computes its platform once, and hands both to <see cref="IExtractionService"/>. The bot's job runner routes the
/// link itself (it answers unusable links before any extraction) and calls the service directly.
/// </summary>
internal sealed class LinkExtraction(IRouter router, IExtractionService extraction)
{
    /// <summary>Extracts <paramref name="link"/>.</summary>
    /// <exception cref="ExtractionException"><c>UnsupportedUrl</c> when the link is unusable or no plugin claims it; else the extraction's failure.</exception>
    public Task<ExtractionOutcome> ExtractAsync(string link, CancellationToken cancellationToken)
    {
        var route = router.Route(link);
        return route.IsRouted
            ? extraction.ExtractAsync(route, Platform.Of(route), cancellationToken)
            : throw ExtractionService.Unroutable(route);
    }
}
