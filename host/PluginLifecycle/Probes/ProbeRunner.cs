using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using VideoBot.Host.Extraction;
using VideoBot.Host.Manifests;
using VideoBot.Host.Routing;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;
using VideoBot.Host.Plugins;

namespace VideoBot.Host.PluginLifecycle.Probes;

/// <summary>
/// Runs a plugin's manifest probes against the real site, through the path a user's link takes: routed to the plugin
/// alone, run by the plugin invoker with the host's network rules, a hand-over described by yt-dlp; then the media is
/// compared with what the probe expects. Records nothing itself: the command prints, the bot counts it in the plugin's health.
/// </summary>
internal sealed class ProbeRunner(ExtractionService extraction, ILoggerFactory loggerFactory)
{
    /// <summary>Longest one probe may take: a site that answers slower than this fails the probe as far as users are concerned.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs every probe of <paramref name="plugin"/> in turn; the caller holds a lease on it.</summary>
    public async Task<IReadOnlyList<ProbeResult>> RunAsync(PluginHandle plugin, CancellationToken cancellationToken)
    {
        var manifest = plugin.Manifest ?? throw new ArgumentException("the plugin has no manifest", nameof(plugin));
        var router = new Router(new SinglePluginCatalog(plugin), loggerFactory.CreateLogger<Router>());
        var results = new List<ProbeResult>();
        foreach (var probe in manifest.Probes)
        {
            results.Add(await RunOneAsync(router, probe, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<ProbeResult> RunOneAsync(Router router, ManifestProbe probe, CancellationToken cancellationToken)
    {
        var name = probe.Name ?? probe.Url;
        var route = router.Route(probe.Url);
        if (!route.IsRouted)
        {
            var why = route.Error ?? $"normalized to {route.Url}, which no urlPattern of the plugin matches";
            return new ProbeResult(name, probe.Url, TimeSpan.Zero, nameof(ExtractionErrorKind.UnsupportedUrl), $"the probe URL does not route to this plugin: {why}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            var outcome = await extraction.ExtractWithAsync(route, route.Candidates[0], timeout.Token).ConfigureAwait(false);
            var mismatch = Mismatch(probe, outcome.Post);
            return new ProbeResult(name, probe.Url, clock.Elapsed, mismatch is null ? null : ProbeResult.Mismatch, mismatch);
        }
        catch (ExtractionException ex)
        {
            return new ProbeResult(name, probe.Url, clock.Elapsed, ex.Kind.ToString(), OneLine(ex.Message));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(name, probe.Url, clock.Elapsed, ProbeResult.TimedOut, $"no answer within {Timeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The invoker turns a plugin's own failures into PluginFault; anything else here is the host's, said the same way.
            return new ProbeResult(name, probe.Url, clock.Elapsed, nameof(ExtractionErrorKind.PluginFault), OneLine($"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    /// <summary>What differs from the probe's expectations, or null when the media is what it should be.</summary>
    internal static string? Mismatch(ManifestProbe probe, MediaPost post)
    {
        var first = post.Items[0];
        var kind = first.Kind.ToString().ToLowerInvariant();
        if (!string.Equals(kind, probe.Kind, StringComparison.Ordinal))
        {
            return $"expected {Article(probe.Kind)} {probe.Kind}, got {Article(kind)} {kind}";
        }

        if (probe.MinDuration is { } minimum)
        {
            var duration = (post.Duration ?? first.Duration)?.TotalSeconds;
            if (duration is null)
            {
                return $"expected at least {Seconds(minimum)} s, and the {kind} has no duration";
            }

            if (duration < minimum)
            {
                return $"expected at least {Seconds(minimum)} s, got {Seconds(duration.Value)} s";
            }
        }

        return null;
    }

    private static string Article(string word) => word.StartsWith('a') || word.StartsWith('i') ? "an" : "a";

    private static string Seconds(double seconds) => seconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
