using System.Globalization;

namespace VideoBot.Host.YtDlp;

/// <summary>One line of our <c>--progress-template</c>: <c>[videobot] downloaded total estimate speed</c>, <c>NA</c> for unknown.</summary>
internal readonly record struct YtDlpProgressLine(long Downloaded, long? Total, double? BytesPerSecond)
{
    /// <summary>The template passed to <c>--progress-template</c>.</summary>
    public const string Template =
        "download:" + YtDlpArguments.ProgressMarker +
        " %(progress.downloaded_bytes)s %(progress.total_bytes)s %(progress.total_bytes_estimate)s %(progress.speed)s";

    /// <summary>Parses <paramref name="line"/>; false for any other output line.</summary>
    public static bool TryParse(string line, out YtDlpProgressLine progress)
    {
        progress = default;
        if (!line.StartsWith(YtDlpArguments.ProgressMarker, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = line[YtDlpArguments.ProgressMarker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4 || Number(parts[0]) is not { } downloaded)
        {
            return false;
        }

        var total = Number(parts[1]) ?? Number(parts[2]);
        progress = new YtDlpProgressLine((long)downloaded, total is { } t ? (long)t : null, Number(parts[3]));
        return true;
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0 ? value : null;
}
