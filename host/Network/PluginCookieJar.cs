using System.Net;

namespace VideoBot.Host.Network;

/// <summary>
/// The cookies of one plugin run, kept the way a browser keeps them (<see cref="CookieContainer"/>: domain, path, secure and expiry
/// rules), and only for the plugin's permitted hosts: a Set-Cookie is stored only from a response of a host in
/// <c>permissions.network</c>, a cookie is sent only to such a host, and operator cookies are loaded only when they cover one.
/// A jar lives as long as the plugin's client (<see cref="PluginHttpClient"/>), which the host makes for one run: nothing is shared
/// between runs or plugins. Thread-safe (a script's fetches run in parallel).
/// </summary>
internal sealed class PluginCookieJar(HostPermissions permissions)
{
    private readonly CookieContainer _cookies = new()
    {
        // A run needs a handful; the defaults (20 a domain, 4 KB a cookie) are a browser's of 1997. Still bounded.
        PerDomainCapacity = 50,
        MaxCookieSize = 16 * 1024,
    };

    /// <summary>How many cookies the jar holds.</summary>
    public int Count => _cookies.Count;

    /// <summary>Stores the Set-Cookie values of a response from <paramref name="url"/>; invalid ones are ignored, as browsers do.</summary>
    public void Store(Uri url, IEnumerable<string> setCookieValues)
    {
        if (!Covers(url))
        {
            return;
        }

        foreach (var value in setCookieValues)
        {
            try
            {
                _cookies.SetCookies(url, value);
            }
            catch (CookieException)
            {
                // A malformed cookie, or one for a domain the response's host may not set (Domain=other.example): dropped.
            }
        }
    }

    /// <summary>The Cookie header for a request to <paramref name="url"/>, or null when there is nothing to send.</summary>
    public string? HeaderFor(Uri url)
    {
        if (!Covers(url))
        {
            return null;
        }

        var header = _cookies.GetCookieHeader(url);
        return header.Length == 0 ? null : header;
    }

    /// <summary>The cookies a request to <paramref name="url"/> would carry, name to value (the most specific path first wins).</summary>
    public IReadOnlyDictionary<string, string> For(Uri url)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Covers(url))
        {
            foreach (Cookie cookie in _cookies.GetCookies(url))
            {
                result.TryAdd(cookie.Name, cookie.Value);
            }
        }

        return result;
    }

    /// <summary>
    /// Adds the operator's cookies that cover a permitted host; the others are left out. Returns how many were added; expired and
    /// invalid ones are not.
    /// </summary>
    public int Load(IEnumerable<NetscapeCookie> cookies, DateTimeOffset now)
    {
        var added = 0;
        foreach (var line in cookies)
        {
            var domain = UrlText.NormalizeHost(line.Domain.TrimStart('.'));
            if (line.Expires <= now || !(line.IncludeSubdomains ? permissions.AllowsAnyWithin(domain) : permissions.Allows(domain)))
            {
                continue;
            }

            if (line.IncludeSubdomains && !domain.Contains('.', StringComparison.Ordinal))
            {
                // A cookie for a whole top-level domain (".com"): no browser keeps one, and it would reach every permitted host.
                continue;
            }

            try
            {
                // No Domain on the cookie makes it host-only; a leading dot makes it a domain cookie (subdomains too).
                var cookie = line.IncludeSubdomains
                    ? new Cookie(line.Name, line.Value, line.Path, "." + domain)
                    : new Cookie(line.Name, line.Value, line.Path);
                cookie.Secure = line.Secure;
                cookie.HttpOnly = line.HttpOnly;
                if (line.Expires is { } expires)
                {
                    cookie.Expires = expires.UtcDateTime;
                }

                _cookies.Add(new Uri($"https://{domain}/"), cookie);
                added++;
            }
            catch (Exception e) when (e is CookieException or UriFormatException)
            {
                // A name or value no browser would send: left out.
            }
        }

        return added;
    }

    private bool Covers(Uri url) => url.Scheme is "http" or "https" && permissions.Allows(url);
}
