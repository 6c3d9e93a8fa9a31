using System.Globalization;

namespace VideoBot.Host.Media;

/// <summary>A part of a media to send: from <see cref="Start"/> to <see cref="End"/>, cut at keyframes or precisely.</summary>
/// <param name="Start">Where the clip starts.</param>
/// <param name="End">Where it ends; after <see cref="Start"/>.</param>
/// <param name="Precise">Re-encode to cut at exactly these times (slower); otherwise cut at keyframes (stream copy).</param>
internal sealed record ClipRange(TimeSpan Start, TimeSpan End, bool Precise = false)
{
    public TimeSpan Length => End - Start;

    /// <summary>The cache key part: seconds with up to three decimals, <c>80-105</c>, then <c>p</c> when cut precisely.</summary>
    public string Key => Seconds(Start) + "-" + Seconds(End) + (Precise ? "p" : string.Empty);

    /// <summary>Seconds as ffmpeg and yt-dlp read them: <c>80</c>, <c>80.5</c>.</summary>
    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
