using System.Globalization;

namespace VideoBot.Host.Messages;

/// <summary>Sizes, speeds and durations as the messages show them (numbers only: units are the same in every language).</summary>
internal static class Formats
{
    public static string Size(long bytes)
    {
        const double Kb = 1024, Mb = Kb * 1024, Gb = Mb * 1024;
        return bytes switch
        {
            < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
            < (long)Mb => (bytes / Kb).ToString("0", CultureInfo.InvariantCulture) + " KB",
            < (long)Gb => (bytes / Mb).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
            _ => (bytes / Gb).ToString("0.00", CultureInfo.InvariantCulture) + " GB",
        };
    }

    /// <summary>An upload limit: whole megabytes when it is a round number of them.</summary>
    public static string Limit(long bytes) =>
        bytes % (1024 * 1024) == 0 ? (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB" : Size(bytes);

    public static string Speed(double bytesPerSecond) => Size((long)Math.Max(0, bytesPerSecond)) + "/s";

    /// <summary><c>m:ss</c>, or <c>h:mm:ss</c> from an hour.</summary>
    public static string Duration(TimeSpan duration) =>
        duration.TotalHours >= 1
            ? ((int)duration.TotalHours).ToString(CultureInfo.InvariantCulture) + duration.ToString(@"\:mm\:ss", CultureInfo.InvariantCulture)
            : ((int)duration.TotalMinutes).ToString(CultureInfo.InvariantCulture) + duration.ToString(@"\:ss", CultureInfo.InvariantCulture);
}
