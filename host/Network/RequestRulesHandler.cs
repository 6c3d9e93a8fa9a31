namespace VideoBot.Host.Network;

/// <summary>
/// The scheme rule: only absolute http and https URLs with a host, and no credentials in the URL (they would travel to
/// whatever host a redirect names, and they end up in logs). Runs on every hop.
/// </summary>
internal sealed class RequestRulesHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Check(request.RequestUri);
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>Throws <see cref="NetworkPolicyException"/> when <paramref name="uri"/> breaks the scheme or credential rule.</summary>
    public static void Check(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new NetworkPolicyException($"refused {UrlText.Of(uri)}: only absolute http and https URLs are allowed");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new NetworkPolicyException($"refused {UrlText.Of(uri)}: only http and https are allowed");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw new NetworkPolicyException($"refused {UrlText.Of(uri)}: credentials in URLs are not allowed");
        }

        if (uri.IdnHost.Length == 0)
        {
            throw new NetworkPolicyException($"refused {UrlText.Of(uri)}: the URL has no host");
        }
    }
}
