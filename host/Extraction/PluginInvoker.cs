using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Manifests;
using VideoBot.Host.Network;
using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Extraction;

/// <summary>
/// Runs one plugin's extractor on one candidate URL: resolves its short link, lends it a permission-checked HTTP client,
/// enforces its time limit, and turns anything unexpected into <c>PluginFault</c>. The bot and <c>videobot validate</c> share it,
/// so a manifest test runs a plugin exactly as production does.
/// </summary>
internal sealed class PluginInvoker(IHttpGateway gateway, IOptionsMonitor<PluginsOptions> pluginOptions, ILoggerFactory loggerFactory)
{
    /// <param name="plugin">The plugin to run.</param>
    /// <param name="candidate">The router's candidate for it.</param>
    /// <param name="originalUrl">The URL as the user sent it.</param>
    /// <param name="transport">Replaces the sockets (a fixture replay); null for the real network.</param>
    /// <param name="cancellationToken">The caller's cancellation; the plugin's own time limit is added to it.</param>
    public async Task<ExtractionResult> InvokeAsync(
        PluginHandle plugin, RouteCandidate candidate, string originalUrl, HttpMessageHandler? transport, CancellationToken cancellationToken)
    {
        var manifest = plugin.Manifest!;
        var extractor = plugin.Extractor
            ?? throw new ExtractionException(ExtractionErrorKind.PluginFault, $"plugin '{plugin.Id}' has no extractor loaded");

        var limit = TimeSpan.FromMilliseconds(Math.Min(
            manifest.Limits.TimeoutMs ?? pluginOptions.CurrentValue.MaxScriptTimeoutMs,
            pluginOptions.CurrentValue.MaxScriptTimeoutMs));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);

        var http = gateway.ForPlugin(manifest, transport);
        var context = new ExtractionContext(
            plugin.Id,
            http,
            loggerFactory.CreateLogger("VideoBot.Plugins." + plugin.Id),
            ExtractionContext.EffectiveSettings(manifest, pluginOptions.CurrentValue));

        try
        {
            var (url, match) = (candidate.Url ?? throw new ArgumentException("the candidate has no URL", nameof(candidate)), candidate.Match);
            if (candidate.NeedsRedirectResolution)
            {
                // A short link is judged by where it leads: only a post of the same platform is accepted. Following it may
                // touch the manifest's short-link hosts and its own domains, which its permissions need not list.
                var resolver = gateway.ForPlugin(WithLinkHosts(manifest), transport);
                var resolved = await ShortLinkResolver.ResolveAsync(url, plugin, resolver, timeout.Token).ConfigureAwait(false);
                (url, match) = (resolved.Url, resolved.Match);
            }

            // The plugin's answer enters the host here: its texts are capped once, for every consumer (CLI, log, Telegram).
            return PluginText.Cap(await extractor.ExtractAsync(new ExtractionRequest(url, originalUrl, match), context, timeout.Token).ConfigureAwait(false));
        }
        catch (ExtractionException ex) when (PluginText.Cap(ex) is var capped && !ReferenceEquals(capped, ex))
        {
            throw capped;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExtractionException(ExtractionErrorKind.PluginFault, $"plugin '{plugin.Id}' exceeded its {limit.TotalMilliseconds:0} ms limit");
        }
        catch (Exception ex) when (ex is not ExtractionException and not OperationCanceledException)
        {
            throw new ExtractionException(ExtractionErrorKind.PluginFault, $"plugin '{plugin.Id}' crashed: {ex.GetType().Name}: {PluginText.Cut(ex.Message, PluginText.MaxMessage)}", ex);
        }
    }

    /// <summary>The manifest with its short-link hosts and domains (and their subdomains) added to its network permissions.</summary>
    private static PluginManifest WithLinkHosts(PluginManifest manifest)
    {
        var hosts = manifest.Permissions.Network
            .Concat(manifest.ShortLinks)
            .Concat(manifest.Domains.Where(d => d != "*").SelectMany(d => new[] { d, "*." + d }))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return manifest with { Permissions = manifest.Permissions with { Network = hosts } };
    }
}
