using System.Text;
using System.Text.RegularExpressions;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.YtDlp;

/// <summary>Turns yt-dlp's stderr into an <see cref="ExtractionException"/> of the right kind.</summary>
internal static partial class YtDlpFailure
{
    // Order matters: "Sign in to confirm your age" is an age check, not a login; a 404 met while fetching JSON is a missing post.
    private static readonly (ExtractionErrorKind Kind, Regex Pattern)[] Rules =
    [
        (ExtractionErrorKind.RateLimited, new Regex(@"HTTP Error 429|Too Many Requests|rate[- ]limit", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
        (ExtractionErrorKind.UnsupportedUrl, new Regex(@"Unsupported URL|No suitable extractor", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
        (ExtractionErrorKind.GeoBlocked, new Regex(@"available (in|from) your (country|location|region)|\bgeo[- ]?(restrict|block)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
        (ExtractionErrorKind.AgeRestricted, new Regex(@"confirm your age|age[- ]restrict|age[- ]gate|inappropriate for some users|\bage\b.*verif", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
        (ExtractionErrorKind.LoginRequired, new Regex(@"Private video|is private|private (post|account|profile|content)|\blog ?in\b|\blogged[- ]in|\bsign ?in\b|cookies|authenticat|members[- ]only|requires? (an )?account", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
        (ExtractionErrorKind.NotFound, new Regex(@"Video unavailable|HTTP Error 40[34]|HTTP Error 410|\b404\b|does not exist|has been removed|no longer available", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
        (ExtractionErrorKind.NoMedia, new Regex(@"No video formats found|Requested format is not available|no media|There's no video", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
        (ExtractionErrorKind.Network, new Regex(@"urlopen error|Connection (refused|reset|aborted)|timed out|Temporary failure in name resolution|Name or service not known|Remote end closed|IncompleteRead|HTTP Error 5\d\d|\bSSL\b|Network is unreachable|Errno", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
        (ExtractionErrorKind.SiteChanged, new Regex(@"Unable to extract|Unable to download JSON metadata|KeyError|Traceback|please report this issue", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)),
    ];

    /// <summary>
    /// True when the media itself answered 403 Forbidden or 410 Gone (on a file or a stream's fragment): signed media URLs
    /// that have expired answer so. Read from all of stderr, since a fragment's error is printed before the final <c>ERROR:</c>.
    /// </summary>
    public static bool MediaRefused(string stderr) => MediaRefusedPattern().IsMatch(stderr);

    /// <summary>
    /// The exception for a failed run. The message is for operators: the <c>ERROR:</c> lines with control characters removed
    /// and cut to a few hundred characters; it is never shown to users as is.
    /// </summary>
    public static ExtractionException From(int exitCode, string stderr)
    {
        var error = ErrorText(stderr);
        var kind = Classify(error);
        return new ExtractionException(kind, $"yt-dlp failed (exit code {exitCode}): {error}");
    }

    /// <summary>The kind for an error text; <see cref="ExtractionErrorKind.SiteChanged"/> when nothing matches (most yt-dlp errors are broken extractors).</summary>
    public static ExtractionErrorKind Classify(string error)
    {
        foreach (var (kind, pattern) in Rules)
        {
            if (pattern.IsMatch(error))
            {
                return kind;
            }
        }

        return ExtractionErrorKind.SiteChanged;
    }

    /// <summary>The <c>ERROR:</c> lines (or the last lines when there are none), sanitized for a log.</summary>
    public static string ErrorText(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = lines.Where(l => l.StartsWith("ERROR:", StringComparison.Ordinal)).ToList();
        var chosen = errors.Count > 0 ? errors : lines.TakeLast(3).ToList();
        return Sanitize(string.Join(" | ", chosen), 500);
    }

    [GeneratedRegex(@"HTTP Error (403|410)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MediaRefusedPattern();

    /// <summary>Removes control characters (a log-injection guard) and cuts <paramref name="text"/> to <paramref name="max"/> characters.</summary>
    public static string Sanitize(string text, int max)
    {
        var clean = new StringBuilder(Math.Min(text.Length, max));
        foreach (var c in text)
        {
            if (clean.Length >= max)
            {
                clean.Append('…');
                break;
            }

            clean.Append(char.IsControl(c) ? ' ' : c);
        }

        return clean.Length == 0 ? "(no error output)" : clean.ToString();
    }
}
