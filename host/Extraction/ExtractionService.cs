using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Manifests;
using VideoBot.Host.Plugins;
using VideoBot.Host.Plugins.HotSwap;
using VideoBot.Host.Routing;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Extraction;

/// <summary>
/// Runs the router's candidate chain. A plugin that fails with <c>SiteChanged</c> or crashes hands over to the next
/// candidate, and the chain ends with yt-dlp's own extractors, so the user sees one answer. Any other failure
/// (not found, private, rate limited...) is the site's answer and ends the chain at once, with one exception: a script plugin
/// that hit a login wall (<c>LoginRequired</c>: a 403, a login page) hands the link to yt-dlp when the operator gave that plugin
/// cookies (<c>YtDlp:Cookies:&lt;id&gt;</c>), since yt-dlp with a logged-in session may get what the script could not.
/// Each run holds a lease on the plugin version it started on, so a hot swap never pulls a plugin from under a running job;
/// a version retired between routing and running sends the link through the router again, to the version now serving.
/// </summary>
internal sealed partial class ExtractionService(
    IRouter router,
    PluginInvoker invoker,
    YtDlpEngine ytDlp,
    HealthRecorder health,
    CookieAccounts accounts,
    ILoggerFactory loggerFactory)
{
    /// <summary>Routings per request when swaps keep retiring the versions routed to; one is the rule, two is a swap.</summary>
    private const int MaxRoutings = 5;

    private readonly ILogger _logger = loggerFactory.CreateLogger<ExtractionService>();

    /// <summary>
    /// Runs the chain of <paramref name="route"/>, the routing the caller already did. The link is routed again only when a
    /// hot swap retired the version a candidate was routed to (its lease is refused).
    /// </summary>
    public Task<ExtractionOutcome> ExtractAsync(RouteResult route, CancellationToken cancellationToken) =>
        ExtractAsync(route, plan: null, cancellationToken);

    /// <summary>
    /// Runs the chain of <paramref name="route"/>, as <see cref="ExtractAsync(RouteResult, CancellationToken)"/>, with the job's
    /// download known beforehand.
    /// </summary>
    /// <param name="route">The routing.</param>
    /// <param name="plan">The job's download, when it is known before the description: a hand-over to yt-dlp is then described
    /// and downloaded in one run (see <see cref="YtDlpEngine.DescribeAsync(YtDlpRequest, string, YtDlpPlan?, CancellationToken)"/>).</param>
    /// <param name="cancellationToken">Stops the extraction.</param>
    /// <exception cref="ExtractionException">The final failure; <c>UnsupportedUrl</c> when the route is not routed.</exception>
    public async Task<ExtractionOutcome> ExtractAsync(RouteResult route, YtDlpPlan? plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        ExtractionException? firstFailure = null;
        for (var routing = 1; ; routing++)
        {
            if (routing > 1)
            {
                route = router.Route(route.Input);
            }

            if (!route.IsRouted)
            {
                throw Unroutable(route);
            }

            var stale = false;
            foreach (var candidate in route.Candidates.Where(c => !failed.Contains(c.Plugin.Id)))
            {
                using var lease = candidate.Plugin.TryLease();
                if (lease is null)
                {
                    stale = true;
                    break;
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    var outcome = await ExtractWithAsync(route, candidate, plan, cancellationToken).ConfigureAwait(false);
                    health.Success(candidate.Plugin, HealthSource.Jobs, Stopwatch.GetElapsedTime(started));
                    return outcome;
                }
                catch (ExtractionException ex) when (ex.AllowsFallback)
                {
                    // The kind and the short reason; the exception (a script's stack can run to megabytes) only at Debug.
                    LogFallback(candidate.Plugin.Id, ex.Kind, ex.Message);
                    LogFallbackDetail(ex, candidate.Plugin.Id);
                    health.Failure(candidate.Plugin, $"{ex.Kind}: {ex.Message}", HealthSource.Jobs, ex.Kind.ToString(), Stopwatch.GetElapsedTime(started));
                    failed.Add(candidate.Plugin.Id);
                    firstFailure ??= ex;
                }
                catch (ExtractionException ex) when (ex.IsTransient)
                {
                    health.SiteTrouble(candidate.Plugin, ex.Kind.ToString(), $"{ex.Kind}: {ex.Message}", Stopwatch.GetElapsedTime(started));
                    throw;
                }
            }

            if (stale && routing < MaxRoutings)
            {
                continue;
            }

            return firstFailure is not null
                ? await LastResortAsync(route, firstFailure, plan, cancellationToken).ConfigureAwait(false)
                : throw new ExtractionException(ExtractionErrorKind.PluginFault, $"the plugins for {route.Url!.Host} were being replaced; try again");
        }
    }

    /// <summary>The failure for a link no plugin can take: unusable, or claimed by none.</summary>
    public static ExtractionException Unroutable(RouteResult route) => route.Url is null
        ? new ExtractionException(ExtractionErrorKind.UnsupportedUrl, route.Error ?? "not a usable URL")
        : new ExtractionException(ExtractionErrorKind.UnsupportedUrl, $"no plugin claims {route.Url.Host}");

    /// <summary>
    /// Runs one candidate, as a job does but without the fallback chain or a health record (the caller keeps its own): a
    /// hand-over to yt-dlp is checked, then described by yt-dlp. The caller holds a lease on the plugin.
    /// </summary>
    internal Task<ExtractionOutcome> ExtractWithAsync(RouteResult route, RouteCandidate candidate, CancellationToken cancellationToken) =>
        ExtractWithAsync(route, candidate, plan: null, cancellationToken);

    private async Task<ExtractionOutcome> ExtractWithAsync(RouteResult route, RouteCandidate candidate, YtDlpPlan? plan, CancellationToken cancellationToken)
    {
        var plugin = candidate.Plugin;
        ExtractionResult result;
        try
        {
            result = await invoker.InvokeAsync(plugin, candidate, route.Input, transport: null, cancellationToken).ConfigureAwait(false);
        }
        catch (ExtractionException ex) when (ex.Kind == ExtractionErrorKind.LoginRequired
            && plugin.Manifest?.Kind == PluginKind.Script
            && accounts.AreSet(plugin.Id))
        {
            // The script's own login wall; a hand-over that yt-dlp (already with these cookies) found walled is not retried.
            return await WithCookiesAsync(route, plugin, ex, plan, cancellationToken).ConfigureAwait(false);
        }

        if (result.Post is { } post)
        {
            return new ExtractionOutcome(route, plugin, post, null);
        }

        var handOver = CheckHandOver(plugin, result.YtDlp!);
        var (described, via) = await ytDlp.DescribeAsync(handOver, plugin.Id, plan, cancellationToken).ConfigureAwait(false);
        return new ExtractionOutcome(route, plugin, PluginText.Cap(described), via);
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

    /// <summary>
    /// A script plugin met a login wall and the operator has cookies for it: yt-dlp, with those cookies, gets the link. When
    /// yt-dlp knows no better, the plugin's answer stands.
    /// </summary>
    private async Task<ExtractionOutcome> WithCookiesAsync(
        RouteResult route, PluginHandle plugin, ExtractionException failure, YtDlpPlan? plan, CancellationToken cancellationToken)
    {
        LogCookiesRetry(plugin.Id, failure.Message);
        var request = new YtDlpRequest(route.Url!) { AllowGenericExtractor = plugin.IsGenericFallback };
        try
        {
            var (post, via) = await ytDlp.DescribeAsync(request, plugin.Id, plan, cancellationToken).ConfigureAwait(false);
            return new ExtractionOutcome(route, plugin, post, via);
        }
        catch (ExtractionException ex) when (ex.Kind is ExtractionErrorKind.UnsupportedUrl or ExtractionErrorKind.PluginFault or ExtractionErrorKind.SiteChanged)
        {
            throw failure;
        }
    }

    /// <summary>Every plugin was broken: yt-dlp's own site extractors get the last word (never its generic one).</summary>
    private async Task<ExtractionOutcome> LastResortAsync(RouteResult route, ExtractionException failure, YtDlpPlan? plan, CancellationToken cancellationToken)
    {
        var last = route.Candidates[^1].Plugin;
        try
        {
            var request = new YtDlpRequest(route.Url!);
            var (post, via) = await ytDlp.DescribeAsync(request, last.Id, plan, cancellationToken).ConfigureAwait(false);
            LogRescued(route.Url!.Host);
            return new ExtractionOutcome(route, last, PluginText.Cap(post), via);
        }
        catch (ExtractionException ex) when (ex.Kind is ExtractionErrorKind.UnsupportedUrl or ExtractionErrorKind.PluginFault or ExtractionErrorKind.SiteChanged)
        {
            // yt-dlp knows no better: the plugin's own failure is the more useful answer.
            throw failure;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId} failed with {Kind}: {Reason}; trying the next candidate")]
    private partial void LogFallback(string pluginId, ExtractionErrorKind kind, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Plugin {PluginId} failed; the exception")]
    private partial void LogFallbackDetail(Exception exception, string pluginId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} met a login wall ({Reason}); trying yt-dlp with the operator's cookies")]
    private partial void LogCookiesRetry(string pluginId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "yt-dlp answered for {Host} after every plugin failed")]
    private partial void LogRescued(string host);
}
