using Microsoft.Extensions.Logging;
using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Extraction;

/// <summary>
/// Runs the router's candidate chain. A plugin that fails with <c>SiteChanged</c> or crashes hands over to the next
/// candidate, and the chain ends with yt-dlp's own extractors, so the user sees one answer. Any other failure
/// (not found, private, rate limited...) is the site's answer and ends the chain at once.
/// </summary>
internal sealed partial class ExtractionService(
    IRouter router,
    PluginInvoker invoker,
    YtDlpEngine ytDlp,
    ILoggerFactory loggerFactory) : IExtractionService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ExtractionService>();

    public async Task<ExtractionOutcome> ExtractAsync(string url, CancellationToken cancellationToken)
    {
        var route = router.Route(url);
        if (route.Url is null)
        {
            throw new ExtractionException(ExtractionErrorKind.UnsupportedUrl, route.Error ?? "not a usable URL");
        }

        if (route.Candidates.Count == 0)
        {
            throw new ExtractionException(ExtractionErrorKind.UnsupportedUrl, $"no plugin claims {route.Url.Host}");
        }

        ExtractionException? firstFailure = null;
        foreach (var candidate in route.Candidates)
        {
            try
            {
                return await RunAsync(route, candidate, cancellationToken).ConfigureAwait(false);
            }
            catch (ExtractionException ex) when (ex.AllowsFallback)
            {
                LogFallback(ex, candidate.Plugin.Id, ex.Kind, ex.Message);
                firstFailure ??= ex;
            }
        }

        return await LastResortAsync(route, firstFailure!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one candidate; a hand-over to yt-dlp is checked, then described by yt-dlp.</summary>
    private async Task<ExtractionOutcome> RunAsync(RouteResult route, RouteCandidate candidate, CancellationToken cancellationToken)
    {
        var plugin = candidate.Plugin;
        var result = await invoker.InvokeAsync(plugin, candidate, route.Input, transport: null, cancellationToken).ConfigureAwait(false);
        if (result.Post is { } post)
        {
            return new ExtractionOutcome(route, plugin, post, null);
        }

        var handOver = CheckHandOver(plugin, result.YtDlp!);
        var described = await ytDlp.ExtractAsync(handOver, plugin.Id, cancellationToken).ConfigureAwait(false);
        return new ExtractionOutcome(route, plugin, described, handOver);
    }

    /// <summary>
    /// A plugin may hand yt-dlp only a URL on its own domains, and may not switch on the generic extractor: the router, not
    /// the plugin, decides when a link is generic.
    /// </summary>
    private static YtDlpRequest CheckHandOver(PluginHandle plugin, YtDlpRequest request)
    {
        var manifest = plugin.Manifest!;
        var host = request.Url.IdnHost.ToLowerInvariant();
        var generic = manifest.Domains.Contains("*");
        var own = generic || manifest.Domains.Any(d => host == d || host.EndsWith("." + d, StringComparison.Ordinal));
        if (request.Url.Scheme is not ("http" or "https") || !own)
        {
            throw new ExtractionException(
                ExtractionErrorKind.PluginFault,
                $"plugin '{plugin.Id}' handed yt-dlp a URL outside its domains: {request.Url.Scheme}://{host}");
        }

        return request with { AllowGenericExtractor = generic };
    }

    /// <summary>Every plugin was broken: yt-dlp's own site extractors get the last word (never its generic one).</summary>
    private async Task<ExtractionOutcome> LastResortAsync(RouteResult route, ExtractionException failure, CancellationToken cancellationToken)
    {
        var last = route.Candidates[^1].Plugin;
        try
        {
            var request = new YtDlpRequest(route.Url!);
            var post = await ytDlp.ExtractAsync(request, last.Id, cancellationToken).ConfigureAwait(false);
            LogRescued(route.Url!.Host);
            return new ExtractionOutcome(route, last, post, request);
        }
        catch (ExtractionException ex) when (ex.Kind is ExtractionErrorKind.UnsupportedUrl or ExtractionErrorKind.PluginFault or ExtractionErrorKind.SiteChanged)
        {
            // yt-dlp knows no better: the plugin's own failure is the more useful answer.
            throw failure;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId} failed with {Kind}: {Reason}; trying the next candidate")]
    private partial void LogFallback(Exception exception, string pluginId, ExtractionErrorKind kind, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "yt-dlp answered for {Host} after every plugin failed")]
    private partial void LogRescued(string host);
}
