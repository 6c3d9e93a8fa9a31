namespace VideoBot.Host.Network;

/// <summary>
/// Sends a plugin run's cookies with every hop and stores what each hop sets (<see cref="PluginCookieJar"/>). It sits under the
/// redirect and permission rules (so every hop, and only a permitted one, is judged) and above any origin override (so cookies
/// belong to the host the plugin asked for). A Cookie header the plugin set itself goes first, the jar's after it. The request's
/// own headers are put back once the answer arrives, so the redirect handler copies the plugin's header to the next hop, never
/// this hop's cookies: the next hop gets its own from the jar, including what this one just set.
/// </summary>
internal sealed class CookieHandler(PluginCookieJar jar) : DelegatingHandler
{
    private const string CookieHeader = "Cookie";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        var own = request.Headers.TryGetValues(CookieHeader, out var values) ? string.Join("; ", values) : null;
        var fromJar = jar.HeaderFor(url);
        if (fromJar is not null)
        {
            request.Headers.Remove(CookieHeader);
            request.Headers.TryAddWithoutValidation(CookieHeader, own is null ? fromJar : own + "; " + fromJar);
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                jar.Store(url, set);
            }

            return response;
        }
        finally
        {
            if (fromJar is not null)
            {
                request.Headers.Remove(CookieHeader);
                if (own is not null)
                {
                    request.Headers.TryAddWithoutValidation(CookieHeader, own);
                }
            }
        }
    }
}
