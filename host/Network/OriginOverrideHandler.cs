namespace VideoBot.Host.Network;

/// <summary>
/// Sends requests for an overridden origin to its replacement, as curl's <c>--connect-to</c> does: the URI's scheme, host and
/// port change for the socket, the Host header keeps the original authority (and so does TLS's server name when the target is
/// https). The original URI is put back once the response arrives, so redirects resolve and permissions are checked against
/// what the caller asked for. The address rule still judges the real target, in the socket handler.
/// </summary>
internal sealed class OriginOverrideHandler(IReadOnlyDictionary<string, Uri> overrides) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri!;
        if (!overrides.TryGetValue(UrlText.Origin(original), out var target))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var addedHost = request.Headers.Host is null;
        if (addedHost)
        {
            request.Headers.Host = original.IsDefaultPort ? original.IdnHost : $"{original.IdnHost}:{original.Port}";
        }

        request.RequestUri = new UriBuilder(original) { Scheme = target.Scheme, Host = target.IdnHost, Port = target.Port }.Uri;
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            request.RequestUri = original;
            if (addedHost)
            {
                request.Headers.Host = null;
            }
        }
    }

    /// <summary>Parses <c>NetworkOptions.OriginOverrides</c> (already validated) into origin key → target.</summary>
    public static Dictionary<string, Uri> Parse(IReadOnlyDictionary<string, string> overrides)
    {
        var map = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var (from, to) in overrides)
        {
            map[UrlText.Origin(new Uri(from))] = new Uri(to);
        }

        return map;
    }
}
