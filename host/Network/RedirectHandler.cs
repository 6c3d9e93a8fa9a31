using System.Net;

namespace VideoBot.Host.Network;

/// <summary>
/// Follows redirects itself (the socket handler never does), sending every hop back through the inner handlers so the
/// scheme, permission, override and address rules judge each one. Authorization, Cookie and Proxy-Authorization are dropped when a
/// hop changes origin (CVE-2023-35934 was yt-dlp leaking cookies that way). More than <c>maxRedirects</c> hops fail; 0 turns
/// following off.
/// </summary>
internal sealed class RedirectHandler(int maxRedirects) : DelegatingHandler
{
    private static readonly string[] CredentialHeaders = ["Authorization", "Cookie", "Proxy-Authorization"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var follow = maxRedirects > 0
            && (!request.Options.TryGetValue(GatewayRequestOptions.FollowRedirects, out var wanted) || wanted);
        var current = request;
        for (var hops = 0; follow && Target(response, current) is { } next; hops++)
        {
            if (hops == maxRedirects)
            {
                response.Dispose();
                throw new HttpRequestException(
                    $"too many redirects: {UrlText.Of(request.RequestUri)} redirected more than {maxRedirects} times (last to {UrlText.Of(next)})");
            }

            var hop = NextRequest(current, response.StatusCode, next);
            response.Dispose();
            current = hop;
            response = await base.SendAsync(current, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private static Uri? Target(HttpResponseMessage response, HttpRequestMessage request)
    {
        var status = (int)response.StatusCode;
        if (status is not (300 or 301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
        {
            return null;
        }

        return location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
    }

    private static HttpRequestMessage NextRequest(HttpRequestMessage current, HttpStatusCode status, Uri target)
    {
        // Browsers turn a redirected POST into a GET for 301/302, and everything but HEAD into GET for 303; 307/308 keep the method and body.
        var method = current.Method;
        if ((status == HttpStatusCode.SeeOther && method != HttpMethod.Head)
            || (status is HttpStatusCode.Moved or HttpStatusCode.Found && method == HttpMethod.Post))
        {
            method = HttpMethod.Get;
        }

        var next = new HttpRequestMessage(method, target)
        {
            Version = current.Version,
            VersionPolicy = current.VersionPolicy,
            Content = method == current.Method ? current.Content : null,
        };
        var crossOrigin = UrlText.Origin(current.RequestUri!) != UrlText.Origin(target);
        foreach (var (name, values) in current.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase)
                || (crossOrigin && CredentialHeaders.Contains(name, StringComparer.OrdinalIgnoreCase)))
            {
                continue;
            }

            next.Headers.TryAddWithoutValidation(name, values);
        }

        foreach (var (key, value) in current.Options)
        {
            ((IDictionary<string, object?>)next.Options)[key] = value;
        }

        return next;
    }
}
