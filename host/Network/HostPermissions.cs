using System.Globalization;

namespace VideoBot.Host.Network;

/// <summary>
/// A manifest's <c>permissions.network</c>: <c>example.com</c> allows exactly that host, <c>*.example.com</c> its subdomains at a
/// dot boundary (<c>cdn.example.com</c>, not <c>example.com</c> itself nor <c>badexample.com</c>). Hosts are compared in ASCII
/// (punycode), lower case, without a trailing dot. <c>*</c> alone allows any host (only the generic fallback plugin needs it; the
/// address rule still keeps it off private networks). Anything else ("exa*le.com") allows nothing: deny by default.
/// </summary>
internal sealed class HostPermissions
{
    private static readonly IdnMapping Idn = new();
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly List<string> _suffixes = [];
    private readonly bool _anyHost;

    public HostPermissions(IEnumerable<string> patterns)
    {
        foreach (var pattern in patterns)
        {
            if (pattern == "*")
            {
                _anyHost = true;
                continue;
            }

            var wildcard = pattern.StartsWith("*.", StringComparison.Ordinal);
            if (Normalize(wildcard ? pattern[2..] : pattern) is not { } host)
            {
                continue;
            }

            if (wildcard)
            {
                _suffixes.Add("." + host);
            }
            else
            {
                _exact.Add(host);
            }
        }
    }

    public bool Allows(Uri uri) => Allows(UrlText.Host(uri));

    public bool Allows(string host)
    {
        if (Normalize(host) is not { } name)
        {
            return false;
        }

        if (_anyHost)
        {
            return true;
        }

        if (_exact.Contains(name))
        {
            return true;
        }

        foreach (var suffix in _suffixes)
        {
            // The label before the suffix must be non-empty: ".example.com" is not a host.
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when some host this allows is <paramref name="domain"/> or one of its subdomains: a domain cookie for it
    /// (<c>.reddit.com</c>) may be sent to a permitted host (<c>old.reddit.com</c>).
    /// </summary>
    public bool AllowsAnyWithin(string domain)
    {
        if (Normalize(domain) is not { } name)
        {
            return false;
        }

        if (_anyHost)
        {
            return true;
        }

        var within = "." + name;
        return _exact.Any(host => host == name || host.EndsWith(within, StringComparison.Ordinal))
            || _suffixes.Any(suffix => name.EndsWith(suffix, StringComparison.Ordinal) // a subdomain of the wildcard's base
                || suffix == within || suffix.EndsWith(within, StringComparison.Ordinal)); // the base itself is within the domain
    }

    private static string? Normalize(string host)
    {
        var name = UrlText.NormalizeHost(host.Trim());
        if (name.Length == 0 || name.Contains('*', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return name.Contains(':', StringComparison.Ordinal) ? name : Idn.GetAscii(name).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
