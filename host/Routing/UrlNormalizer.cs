using System.Text;
using System.Text.RegularExpressions;
using VideoBot.Host.Manifests;

namespace VideoBot.Host.Routing;

/// <summary>
/// A user's link in the one form the router matches: trimmed, http(s) only, lower-case scheme and host, the host in
/// punycode (so a Cyrillic "а" can't pass for a Latin "a"), no fragment, no default port, no tracking parameters.
/// </summary>
internal static partial class UrlNormalizer
{
    /// <summary>The longest link accepted, as browsers and most sites cap URLs.</summary>
    public const int MaxLength = 2048;

    /// <summary>Normalizes <paramref name="input"/>; on failure <paramref name="error"/> says why, in words for the user.</summary>
    public static bool TryNormalize(string? input, out NormalizedUrl? url, out string? error)
    {
        url = null;
        error = Check(input?.Trim(), out var text);
        if (error is not null)
        {
            return false;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            error = "the link is not a valid URL";
            return false;
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            error = $"only http and https links are supported, not {uri.Scheme}:";
            return false;
        }

        if (uri.UserInfo.Length > 0)
        {
            error = "links with a user name or password in them are not accepted";
            return false;
        }

        var host = DomainMatch.ToAsciiHost(uri.IdnHost.TrimEnd('.'));
        if (string.IsNullOrEmpty(host))
        {
            error = "the link has no valid host name";
            return false;
        }

        var query = SplitQuery(uri.Query).Where(p => !TrackingParameters.IsTracking(host, p.Name, p.Value)).ToList();
        url = new NormalizedUrl(uri.Scheme, host, uri.IsDefaultPort ? -1 : uri.Port, uri.AbsolutePath, query);
        return true;
    }

    /// <summary>The raw <c>name=value</c> pieces of a query, undecoded, so a rebuilt URL keeps the site's own encoding.</summary>
    public static IEnumerable<QueryPart> SplitQuery(string query)
    {
        foreach (var piece in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            var rawName = equals < 0 ? piece : piece[..equals];
            var rawValue = equals < 0 ? "" : piece[(equals + 1)..];
            yield return new QueryPart(Decode(rawName), Decode(rawValue), piece);
        }
    }

    private static string Decode(string raw) => Uri.UnescapeDataString(raw.Replace('+', ' '));

    private static string? Check(string? input, out string text)
    {
        text = input ?? "";
        if (text.Length == 0)
        {
            return "the link is empty";
        }

        if (text.Length > MaxLength)
        {
            return $"the link is longer than {MaxLength} characters";
        }

        if (text.Any(char.IsControl))
        {
            return "the link contains control characters";
        }

        if (text.Any(char.IsWhiteSpace))
        {
            return "the link contains spaces";
        }

        if (text.StartsWith("//", StringComparison.Ordinal))
        {
            text = "https:" + text;
        }
        else if (!text.Contains("://", StringComparison.Ordinal))
        {
            // "youtube.com/watch?v=..." is a link users paste without its scheme; "javascript:..." or "file:/etc" is not.
            var scheme = SchemePrefix().Match(text);
            if (scheme.Success)
            {
                return $"only http and https links are supported, not {scheme.Groups["scheme"].Value.ToLowerInvariant()}:";
            }

            text = "https://" + text;
        }

        return text.Length > MaxLength ? $"the link is longer than {MaxLength} characters" : null;
    }

    /// <summary>A scheme before the first colon, unless what follows is a port ("example.com:8080/x").</summary>
    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*):(?!\d+(?:[/?#]|$))", RegexOptions.CultureInvariant, 100)]
    private static partial Regex SchemePrefix();
}

/// <summary>One query parameter: its decoded name and value, and the raw text it came from.</summary>
internal sealed record QueryPart(string Name, string Value, string Raw);

/// <summary>A link after <see cref="UrlNormalizer"/>: every part already canonical; <see cref="ToUri"/> assembles it.</summary>
internal sealed record NormalizedUrl(string Scheme, string Host, int Port, string Path, IReadOnlyList<QueryPart> Query)
{
    /// <summary>The absolute URL: <c>https://host[:port]/path[?query]</c>, without fragment.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Scheme).Append("://").Append(Host);
        if (Port >= 0)
        {
            text.Append(':').Append(Port);
        }

        text.Append(Path.Length == 0 ? "/" : Path);
        if (Query.Count > 0)
        {
            text.Append('?').AppendJoin('&', Query.Select(q => q.Raw));
        }

        return text.ToString();
    }

    public Uri ToUri() => new(ToString(), UriKind.Absolute);
}
