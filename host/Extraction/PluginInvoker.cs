using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Manifests;
using VideoBot.Host.Network;
using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Extraction;

/// <summary>
/// Runs one plugin's extractor on one candidate URL: resolves its short link, lends it a permission-checked HTTP client,
/// enforces its time limit, and turns anything unexpected into <c>PluginFault</c>. The bot and <c>videobot validate</c> share it,
/// so a manifest test runs a plugin exactly as production does.
/// </summary>
internal sealed class PluginInvoker(
    IHttpGateway gateway,
    IOptionsMonitor<PluginsOptions> pluginOptions,
    CookieAccounts accounts,
    ILoggerFactory loggerFactory)
{
    /// <summary>The time a short link's resolution may take when the manifest's <c>resolver.timeoutMs</c> does not say.</summary>
    public const int DefaultResolverTimeoutMs = 5000;

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

        // One client, and so one cookie jar, for the whole run: the short link's hops and every request of the plugin.
        using var http = gateway.ForPlugin(manifest, transport);
        var account = accounts.Next(plugin.Id);
        OperatorCookies.Load(http.Cookies, account, DateTimeOffset.UtcNow);
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
                var resolved = await ResolveAsync(plugin, url, http.Cookies, transport, cancellationToken).ConfigureAwait(false);
                (url, match) = (resolved.Url, resolved.Match);
            }

            // The plugin's clock starts once the link is resolved: a slow short-link host does not eat the extraction's time.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(limit);
            try
            {
                // The plugin's answer enters the host here: its texts are capped once, for every consumer (CLI, log, Telegram).
                return PluginText.Cap(await extractor.ExtractAsync(new ExtractionRequest(url, originalUrl, match), context, timeout.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ExtractionException(ExtractionErrorKind.PluginFault, $"plugin '{plugin.Id}' exceeded its {limit.TotalMilliseconds:0} ms limit");
            }
        }
        catch (ExtractionException ex)
        {
            if (account is not null)
            {
                // A login wall or a rate limit met with this account's cookies: it rests, and the next run takes another.
                accounts.Refused(account, ex);
            }

            var capped = PluginText.Cap(ex);
            if (ReferenceEquals(capped, ex))
            {
                throw;
            }

            throw capped;
        }
        catch (Exception ex) when (ex is not ExtractionException and not OperationCanceledException)
        {
            throw new ExtractionException(ExtractionErrorKind.PluginFault, $"plugin '{plugin.Id}' crashed: {ex.GetType().Name}: {PluginText.Cut(ex.Message, PluginText.MaxMessage)}", ex);
        }
    }

    /// <summary>
    /// A short link is judged by where it leads: only a post of the same platform is accepted. Following it may touch the
    /// manifest's short-link hosts and its own domains, which its permissions need not list (the jar still keeps cookies only for
    /// the permitted ones). It has its own time budget (<c>resolver.timeoutMs</c>) and User-Agent (<c>resolver.userAgent</c>).
    /// </summary>
    private async Task<ResolvedLink> ResolveAsync(
        PluginHandle plugin, Uri url, PluginCookieJar cookies, HttpMessageHandler? transport, CancellationToken cancellationToken)
    {
        var manifest = plugin.Manifest!;
        var budget = manifest.Resolver.TimeoutMs ?? DefaultResolverTimeoutMs;
        using var clock = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        clock.CancelAfter(budget);
        using var resolver = gateway.ForPlugin(WithLinkHosts(manifest), transport, cookies);
        try
        {
            return await ShortLinkResolver.ResolveAsync(url, plugin, resolver, clock.Token, userAgent: manifest.Resolver.UserAgent)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExtractionException(ExtractionErrorKind.Network,
                $"the {manifest.Name} short link {UrlText.Of(url)} did not resolve within {budget} ms (resolver.timeoutMs)", e);
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
