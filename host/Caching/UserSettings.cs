using System.Globalization;
using VideoBot.Host.Media;

namespace VideoBot.Host.Caching;

/// <summary>How a user wants media sent.</summary>
internal enum SendAs { Video, Document }

/// <summary>Subtitles with a video: none, inside the mp4 (<c>mov_text</c>), or as a separate file.</summary>
internal enum SubtitleMode { Off, Embedded, File }

/// <summary>The container of sound-only answers.</summary>
internal enum AudioFormat { M4a, Mp3 }

/// <summary>One user's choices from /settings, and what one request adds to them (a clip, a language).</summary>
/// <param name="MaxHeight">The quality cap in lines (720, 480, 360), or null for the best that fits.</param>
/// <param name="SendAs">Videos as playable videos, or as files (no recompression by Telegram clients).</param>
/// <param name="AudioOnly">Send the sound only.</param>
/// <param name="SlideshowAsVideo">A photo slideshow with a sound (TikTok's) as one video, not an album and an audio.</param>
internal sealed record UserSettings(int? MaxHeight = null, SendAs SendAs = SendAs.Video, bool AudioOnly = false, bool SlideshowAsVideo = false)
{
    public static UserSettings Default { get; } = new();

    /// <summary>The qualities offered in /settings; null is "best".</summary>
    public static IReadOnlyList<int?> Qualities { get; } = [null, 720, 480, 360];

    /// <summary>Answer a link with buttons of its qualities, and fetch what the user presses. Default off.</summary>
    public bool AskQuality { get; init; }

    /// <summary>Subtitles with videos (delegated platforms only). Default off.</summary>
    public SubtitleMode Subtitles { get; init; }

    /// <summary>M4A or MP3 for sound only. Default M4A.</summary>
    public AudioFormat AudioFormat { get; init; }

    /// <summary>Clips re-encoded to cut exactly where asked, instead of at the nearest keyframe. Default off.</summary>
    public bool PreciseCuts { get; init; }

    /// <summary>For one request only (never saved by /settings): send only this part of the media.</summary>
    public ClipRange? Clip { get; init; }

    /// <summary>For one request only: the subtitle language, from the user's Telegram language (English as fallback).</summary>
    public string? SubtitleLanguage { get; init; }

    /// <summary>
    /// The cache key part for what these settings produce: <c>audio</c>, <c>video:best</c>, <c>document:720</c>..., then what
    /// changes the file: <c>:mp3</c>, <c>:subs=embedded.de</c>, <c>:slides</c>, <c>:clip=80-105</c> (<c>p</c> when cut precisely).
    /// </summary>
    public string Choice
    {
        get
        {
            var choice = AudioOnly
                ? "audio" + (AudioFormat == AudioFormat.Mp3 ? ":mp3" : string.Empty)
                : $"{(SendAs == SendAs.Document ? "document" : "video")}:{(MaxHeight is { } h ? h.ToString(CultureInfo.InvariantCulture) : "best")}"
                  + (Subtitles == SubtitleMode.Off ? string.Empty : $":subs={Subtitles.ToString().ToLowerInvariant()}.{SubtitleLanguage ?? "en"}");
            choice += SlideshowAsVideo && !AudioOnly ? SlideshowSuffix : string.Empty;
            return Clip is { } clip ? choice + ":clip=" + clip.Key : choice;
        }
    }

    /// <summary>Marks the choices whose slideshows are rendered into a video: what they produce differs, so does their cache entry.</summary>
    public const string SlideshowSuffix = ":slides";
}
