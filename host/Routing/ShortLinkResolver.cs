using System.Net;
using VideoBot.Host.Network;
using VideoBot.Host.Plugins;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Routing;

/// <summary>A short link resolved: the target URL, normalized for the plugin, and its pattern's named groups.</summary>
internal sealed record ResolvedLink(Uri Url, IReadOnlyDictionary<string, string> Match);

/// <summary>
/// Follows a plugin's short or share link (<c>vm.tiktok.com/…</c>, <c>facebook.com/share/v/…</c>) one hop at a time and
/// accepts the target only when it is on the SAME plugin's domains and matches one of its URL patterns. A short link
/// that leads elsewhere is refused, never handed on: that is how a share link ends up downloading the wrong video.
/// </summary>
internal static class ShortLinkResolver
{
    /// <summary>Most redirects followed before giving up; real short links need one or two.</summary>
    public const int DefaultMaxHops = 5;

    /// <summary>Resolves <paramref name="shortUrl"/> for <paramref name="plugin"/>.</summary>
    /// <param name="http">
    /// A client that does not follow redirects itself (in production, the gateway's client for this plugin, which also
    /// refuses private addresses). If it does follow them, the final response's URL is checked the same way.
    /// </param>
    /// <param name="userAgent">
    /// The User-Agent for every hop (the manifest's <c>resolver.userAgent</c>), replacing the client's: t.co and Instagram answer a
    /// browser with a page and <c>curl</c> with the redirect, vm.tiktok.com answers <c>facebookexternalhit/1.1</c>. Null keeps the client's.
    /// </param>
    /// <exception cref="ExtractionException">
    /// <c>UnsupportedUrl</c> when the link leads outside the platform, to something that is not a post, or loops;
    /// <c>NotFound</c> when the short link is dead; <c>Network</c> when the short-link host fails.
    /// </exception>
    public static async Task<ResolvedLink> ResolveAsync(
        Uri shortUrl, PluginHandle plugin, HttpClient http, CancellationToken cancellationToken, int maxHops = DefaultMaxHops, string? userAgent = null)
    {
        var manifest = plugin.Manifest ?? throw new ArgumentException("the plugin has no manifest", nameof(plugin));
        var platform = manifest.Name;
        var startHost = shortUrl.IdnHost.ToLowerInvariant();
        var current = shortUrl;

        for (var hop = 0; hop <= maxHops; hop++)
        {
            if (hop > 0)
            {
                if (Accept(plugin, current) is { } resolved)
                {
                    return resolved;
                }

                if (!MayVisit(plugin, startHost, current))
                {
                    throw new ExtractionException(ExtractionErrorKind.UnsupportedUrl,
                        $"short link points outside {platform}: {Describe(current)}");
                }
            }

            if (hop == maxHops)
            {
                break;
            }

            var (next, final) = await NextAsync(current, http, platform, userAgent, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                // No redirect: the client may have followed them itself, so judge where it ended up.
                if (final != current && Accept(plugin, final) is { } followed)
                {
                    return followed;
                }

                throw new ExtractionException(ExtractionErrorKind.UnsupportedUrl,
                    $"short link {shortUrl} did not lead to a {platform} post (stopped at {Describe(final)})");
            }

            current = next;
        }

        throw new ExtractionException(ExtractionErrorKind.UnsupportedUrl,
            $"short link {shortUrl} redirected more than {maxHops} times");
    }

    /// <summary>The target, when it is on the plugin's own domains and one of its patterns matches it.</summary>
    private static ResolvedLink? Accept(PluginHandle plugin, Uri target)
    {
        if (!UrlNormalizer.TryNormalize(target.OriginalString, out var normalized, out _)
            || !PluginUrlMatcher.ClaimsHost(plugin, normalized!.Host)
            || plugin.IsGenericFallback)
        {
            return null;
        }

        var own = PluginUrlMatcher.ForPlugin(plugin, normalized);
        var text = own.ToString();
        if (plugin.RedirectPatterns.Any(p => p.IsMatch(text)))
        {
            // Still a share link of the same site: follow it further.
            return null;
        }

        return PluginUrlMatcher.Match(plugin, text) is { } match ? new ResolvedLink(own.ToUri(), match) : null;
    }

    /// <summary>Intermediate hops may stay on the short-link host itself or the plugin's own hosts, nowhere else.</summary>
    private static bool MayVisit(PluginHandle plugin, string startHost, Uri url)
    {
        if (url.Scheme is not ("http" or "https"))
        {
            return false;
        }

        var host = url.IdnHost.ToLowerInvariant().TrimEnd('.');
        return host == startHost
            || PluginUrlMatcher.IsShortLinkHost(plugin, host)
            || (!plugin.IsGenericFallback && PluginUrlMatcher.ClaimsHost(plugin, host));
    }

    /// <summary>One request: HEAD first (no body to fetch), GET when the server refuses HEAD or answers it without a redirect.</summary>
    private static async Task<(Uri? Next, Uri Final)> NextAsync(Uri url, HttpClient http, string platform, string? userAgent, CancellationToken cancellationToken)
    {
        var head = await SendAsync(http, HttpMethod.Head, url, platform, userAgent, cancellationToken).ConfigureAwait(false);
        if (head.Next is not null || head.Final != url)
        {
            return (head.Next, head.Final);
        }

        var get = await SendAsync(http, HttpMethod.Get, url, platform, userAgent, cancellationToken).ConfigureAwait(false);
        if (get.Next is null && get.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            throw new ExtractionException(ExtractionErrorKind.NotFound, $"short link {url} does not exist ({(int)get.Status})");
        }

        if (get.Next is null && (int)get.Status >= 500)
        {
            throw new ExtractionException(ExtractionErrorKind.Network, $"short link host answered {(int)get.Status} for {url}");
        }

        return (get.Next, get.Final);
    }

    private static async Task<(Uri? Next, Uri Final, HttpStatusCode Status)> SendAsync(
        HttpClient http, HttpMethod method, Uri url, string platform, string? userAgent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        if (userAgent is not null)
        {
            // A header on the request wins over the client's default one.
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        // The gateway's clients follow redirects unless told not to; each hop must be judged here.
        request.Options.Set(GatewayRequestOptions.FollowRedirects, false);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ExtractionException(ExtractionErrorKind.Network, $"cannot reach the {platform} short link {url}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExtractionException(ExtractionErrorKind.Network, $"the {platform} short link {url} timed out", ex);
        }

        using (response)
        {
            var final = response.RequestMessage?.RequestUri ?? url;
            var status = (int)response.StatusCode;
            var location = response.Headers.Location;
            if (status is >= 300 and < 400 && location is not null)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(final, location);
                return (next, final, response.StatusCode);
            }

            return (null, final, response.StatusCode);
        }
    }

    private static string Describe(Uri url) =>
        url.Scheme is "http" or "https" ? url.IdnHost : $"{url.Scheme}: link";
}
