using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace VideoBot.Host.Scripting;

/// <summary>
/// The rules behind the value helpers scripts share (<c>httpsUrl</c>, <c>isoDuration</c>, <c>retryAfter</c>; see
/// ScriptRun.Helpers.cs), kept apart from the engine so the host's own reading of a 429 (<c>response.json()</c>) follows the
/// same rule as the scripts'.
/// </summary>
internal static partial class ScriptValues
{
    /// <summary>The longest URL <see cref="HttpsUrl"/> accepts. Signed CDN links run to a few thousand characters; servers
    /// refuse request lines far shorter than this, so a longer string is not a link to anything.</summary>
    public const int MaxUrlLength = 16 * 1024;

    /// <summary>The longest ISO 8601 duration read: "P12DT23H59M59.999S" is 18 characters.</summary>
    private const int MaxDurationLength = 64;

    /// <summary>The longest Retry-After value worth reading: an HTTP-date is 29 characters, delay-seconds fewer.</summary>
    private const int MaxRetryAfterLength = 64;

    /// <summary>The longest wait a site may ask for and be believed; the same bound <c>fail(…, { retryAfterSeconds })</c> keeps.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);

    // The characters a URL parser strips from both ends: C0 controls and space.
    private static readonly char[] UrlSpace = [.. Enumerable.Range(0, 0x21).Select(c => (char)c)];

    /// <summary>
    /// <paramref name="text"/> as an absolute https URL, or null. Surrounding whitespace goes (as a browser's URL parser drops
    /// it); a protocol-relative <c>//host/path</c> gets <c>https:</c>, which is what it means on the https pages scripts read.
    /// Plain <c>http://</c> is refused, not upgraded: the same path over https may not exist, so a script that knows its site
    /// serves both upgrades explicitly. The text is otherwise returned as given, never re-encoded, so signed URLs keep working.
    /// </summary>
    public static string? HttpsUrl(string text)
    {
        // A string far over the limit is refused before it is trimmed (copied); a little slack is left for the whitespace.
        if (text.Length > MaxUrlLength + 64)
        {
            return null;
        }

        var url = text.Trim(UrlSpace);
        if (url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("///", StringComparison.Ordinal))
        {
            url = "https:" + url;
        }

        return url.Length <= MaxUrlLength
            && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            && parsed.Scheme == Uri.UriSchemeHttps
            && parsed.Host.Length > 0
                ? url
                : null;
    }

    /// <summary>
    /// The seconds of an ISO 8601 duration as pages write them (schema.org's VideoObject.duration): <c>PT1M5S</c>,
    /// <c>PT4.665S</c>, <c>P1DT2H</c>, <c>P2W</c>, designators in either case, a fraction (dot or comma) on the seconds only.
    /// Null when malformed, zero, or counted in years or months, whose length in seconds depends on the calendar.
    /// </summary>
    public static double? IsoDurationSeconds(string text)
    {
        if (text.Length > MaxDurationLength || IsoDuration().Match(text) is not { Success: true } found
            || !(found.Groups["w"].Success || found.Groups["d"].Success || found.Groups["h"].Success || found.Groups["m"].Success || found.Groups["s"].Success))
        {
            return null;
        }

        var seconds = (((Part(found, "w") * 7) + Part(found, "d")) * 86_400) + (Part(found, "h") * 3_600) + (Part(found, "m") * 60) + Part(found, "s");
        return double.IsFinite(seconds) && seconds > 0 ? seconds : null;
    }

    /// <summary>
    /// The wait a Retry-After header asks for (RFC 9110 §10.2.3: delay-seconds, or an HTTP-date), or null when it is absent,
    /// malformed, not in the future, or a day or more. A date is measured from the response's own Date header when it has one,
    /// so a skewed clock on either side does not change the wait; otherwise from <paramref name="now"/>.
    /// </summary>
    public static TimeSpan? RetryAfter(string? header, string? date, DateTimeOffset now)
    {
        if (header is null || header.Length > MaxRetryAfterLength || !RetryConditionHeaderValue.TryParse(header.Trim(), out var value))
        {
            return null;
        }

        var wait = value switch
        {
            { Delta: { } delta } => delta,
            { Date: { } until } => until - (ResponseDate(date) ?? now),
            _ => TimeSpan.Zero,
        };

        // A date's fraction of a second rounds up: waiting a moment longer is what the site asked for, a moment less is not.
        wait = TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds));
        return wait > TimeSpan.Zero && wait < MaxRetryAfter ? wait : null;
    }

    // An HTTP-date is what both headers hold; RetryConditionHeaderValue reads the three forms RFC 9110 §5.6.7 allows.
    private static DateTimeOffset? ResponseDate(string? date) =>
        date is not null && date.Length <= MaxRetryAfterLength && RetryConditionHeaderValue.TryParse(date.Trim(), out var value)
            ? value.Date
            : null;

    private static double Part(Match found, string name) =>
        found.Groups[name] is { Success: true } group ? double.Parse(group.ValueSpan.ToString().Replace(',', '.'), CultureInfo.InvariantCulture) : 0;

    // The T is required before hours, minutes and seconds, so "P5M" (five months) is not read as five minutes. [0-9], not \d,
    // which would match other scripts' digits that double.Parse refuses.
    [GeneratedRegex(@"^P(?:(?<w>[0-9]+)W)?(?:(?<d>[0-9]+)D)?(?:T(?=[0-9])(?:(?<h>[0-9]+)H)?(?:(?<m>[0-9]+)M)?(?:(?<s>[0-9]+(?:[.,][0-9]+)?)S)?)?\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IsoDuration();
}
