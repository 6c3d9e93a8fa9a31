using System.Globalization;

namespace VideoBot.Host.Network;

/// <summary>One line of a Netscape cookies file (the format of yt-dlp's <c>--cookies</c> and of browser exports).</summary>
internal sealed record NetscapeCookie(
    string Domain, bool IncludeSubdomains, string Path, bool Secure, DateTimeOffset? Expires, string Name, string Value, bool HttpOnly);

/// <summary>
/// Reads a Netscape cookies file: seven tab-separated fields a line (domain, include-subdomains flag, path, secure flag, expiry in
/// Unix seconds with 0 for a session cookie, name, value); <c>#</c> starts a comment, except the <c>#HttpOnly_</c> prefix curl and
/// yt-dlp write before the domain of an HttpOnly cookie. A line that is not a cookie is counted, never fatal: the same file serves
/// yt-dlp, which is as lenient.
/// </summary>
internal static class NetscapeCookies
{
    private const string HttpOnlyPrefix = "#HttpOnly_";

    public static IReadOnlyList<NetscapeCookie> Parse(string text, out int malformed)
    {
        var cookies = new List<NetscapeCookie>();
        malformed = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var httpOnly = line.StartsWith(HttpOnlyPrefix, StringComparison.Ordinal);
            if (httpOnly)
            {
                line = line[HttpOnlyPrefix.Length..];
            }
            else if (line.Length == 0 || line.StartsWith('#') || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length is < 6 or > 7
                || fields[0].Trim('.').Length == 0
                || fields[5].Length == 0
                || !long.TryParse(fields[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var expiry))
            {
                malformed++;
                continue;
            }

            cookies.Add(new NetscapeCookie(
                Domain: fields[0].ToLowerInvariant(),
                IncludeSubdomains: fields[1].Equals("TRUE", StringComparison.OrdinalIgnoreCase),
                Path: fields[2].Length == 0 ? "/" : fields[2],
                Secure: fields[3].Equals("TRUE", StringComparison.OrdinalIgnoreCase),
                Expires: expiry > 0 ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(expiry, 253_402_300_799)) : null,
                Name: fields[5],
                Value: fields.Length == 7 ? fields[6] : "",
                HttpOnly: httpOnly));
        }

        return cookies;
    }
}
