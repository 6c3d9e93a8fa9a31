using VideoBot.Sdk.Media;

namespace VideoBot.Host.Downloading;

/// <summary>Ranks an item's formats for sending. STUB: replaced by the real ranking.</summary>
internal static class FormatSelector
{
    /// <summary>The formats worth trying, best first: the best quality that fits <see cref="FormatPreferences.MaxBytes"/>, then lower ones.</summary>
    public static IReadOnlyList<MediaFormat> Rank(MediaItem item, FormatPreferences preferences) => item.Formats;
}
