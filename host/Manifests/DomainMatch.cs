namespace VideoBot.Host.Manifests;

/// <summary>Host names against manifest domains, always at a dot boundary.</summary>
internal static class DomainMatch
{
    /// <summary>
    /// True when <paramref name="host"/> is <paramref name="domain"/> or one of its subdomains: <c>instagram.com</c> covers
    /// <c>www.instagram.com</c>, never <c>notinstagram.com</c> or <c>instagram.com.evil.net</c>. Both lower-case ASCII.
    /// </summary>
    public static bool Covers(string domain, string host) =>
        host.Length == domain.Length
            ? string.Equals(host, domain, StringComparison.Ordinal)
            : host.Length > domain.Length
              && host[host.Length - domain.Length - 1] == '.'
              && host.EndsWith(domain, StringComparison.Ordinal);

    /// <summary>True when any of <paramref name="domains"/> covers <paramref name="host"/>.</summary>
    public static bool CoversAny(IEnumerable<string> domains, string host) => domains.Any(d => Covers(Canonical(d), host));

    /// <summary>
    /// <paramref name="host"/> and each parent domain, longest first (<c>a.b.com</c>, <c>b.com</c>, <c>com</c>): the keys
    /// under which an index finds every domain that covers the host.
    /// </summary>
    public static IEnumerable<string> Suffixes(string host)
    {
        var rest = host;
        while (rest.Length > 0)
        {
            yield return rest;
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                yield break;
            }

            rest = rest[(dot + 1)..];
        }
    }

    /// <summary>A manifest domain as the index keys it: lower-case, no trailing dot, punycode.</summary>
    public static string Canonical(string domain)
    {
        var trimmed = domain.Trim().TrimEnd('.').ToLowerInvariant();
        return ToAsciiHost(trimmed) ?? trimmed;
    }

    /// <summary>The punycode form of a host, lower-case; null when it is not a valid host name.</summary>
    public static string? ToAsciiHost(string host)
    {
        if (host.Length == 0)
        {
            return null;
        }

        if (host.All(char.IsAscii))
        {
            return host.ToLowerInvariant();
        }

        try
        {
            return new System.Globalization.IdnMapping().GetAscii(host).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
