namespace VideoBot.Host.Caching;

/// <summary>How a user wants media sent.</summary>
internal enum SendAs { Video, Document }

/// <summary>One user's choices from /settings.</summary>
/// <param name="MaxHeight">The quality cap in lines (720, 480, 360), or null for the best that fits.</param>
/// <param name="SendAs">Videos as playable videos, or as files (no recompression by Telegram clients).</param>
/// <param name="AudioOnly">Send the sound only.</param>
/// <param name="SlideshowAsVideo">A photo slideshow with a sound (TikTok's) as one video, not an album and an audio.</param>
internal sealed record UserSettings(int? MaxHeight = null, SendAs SendAs = SendAs.Video, bool AudioOnly = false, bool SlideshowAsVideo = false)
{
    public static UserSettings Default { get; } = new();

    /// <summary>The qualities offered in /settings; null is "best".</summary>
    public static IReadOnlyList<int?> Qualities { get; } = [null, 720, 480, 360];

    /// <summary>The cache key part for what these settings produce: <c>audio</c>, <c>video:best</c>, <c>document:720</c>...</summary>
    public string Choice => AudioOnly
        ? "audio"
        : $"{(SendAs == SendAs.Document ? "document" : "video")}:{(MaxHeight is { } h ? h.ToString(System.Globalization.CultureInfo.InvariantCulture) : "best")}"
          + (SlideshowAsVideo ? SlideshowSuffix : string.Empty);

    /// <summary>Marks the choices whose slideshows are rendered into a video: what they produce differs, so does their cache entry.</summary>
    public const string SlideshowSuffix = ":slides";
}
