using System.Globalization;
using System.Text;
using VideoBot.Sdk.Media;
using VideoBot.Host.Media;

namespace VideoBot.Host.Downloading;

/// <summary>Ranks an item's formats for sending, and builds the equivalent yt-dlp <c>-f</c> selector.</summary>
internal static class FormatSelector
{
    /// <summary>
    /// The formats worth trying, best first: the best quality that fits <see cref="FormatPreferences.MaxBytes"/>, then lower ones.
    /// A format known (exactly) to exceed the limit is never returned. Formats of unknown size follow the fitting ones of the same
    /// height (the download enforces the cap anyway); formats whose <em>estimate</em> exceeds the limit come last, because
    /// estimates from bitrate × duration are often off.
    /// </summary>
    public static IReadOnlyList<MediaFormat> Rank(MediaItem item, FormatPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(preferences);

        var candidates = item.Formats
            .Select(format => new Candidate(format, EstimateSize(format, item, preferences)))
            .Where(c => !(c.Size is { } size && !c.SizeIsEstimate && size > preferences.MaxBytes))
            .ToList();

        if (item.Kind == MediaKind.Image)
        {
            return [.. candidates
                .OrderBy(c => Fit(c, preferences))
                .ThenByDescending(c => (long)(c.Format.Width ?? 0) * (c.Format.Height ?? 0))
                .ThenByDescending(c => c.Size ?? 0)
                .Select(c => c.Format)];
        }

        return preferences.AudioOnly || item.Kind == MediaKind.Audio
            ? RankForAudio(candidates, preferences)
            : RankForVideo(candidates, preferences, needsAudio: item.Kind != MediaKind.Animation);
    }

    /// <summary>A format's size as the ranking sees it: exact, or estimated from its bitrate (with the merged audio); null when unknown.</summary>
    public static long? EstimatedSize(MediaItem item, MediaFormat format, FormatPreferences preferences) =>
        EstimateSize(format, item, preferences).Size;

    /// <summary>
    /// A yt-dlp format selector with the same intent as <see cref="Rank"/>, for when yt-dlp chooses: mp4/m4a first, then any
    /// container; sizes in bytes; <c>&lt;?</c> keeps formats of unknown size (<c>--max-filesize</c> enforces the cap).
    /// </summary>
    public static string YtDlpFormatSpec(FormatPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        return Spec(preferences, SizeFilter);
    }

    /// <summary>
    /// The selector of a job whose yt-dlp run describes and downloads at once (the bot cannot rank formats it has not seen):
    /// <see cref="YtDlpFormatSpec"/>'s order, the user's height cap, sound only for audio; for a clip, formats judged by
    /// bitrate (a part's size is its bitrate times its length, as <see cref="Rank"/> judges it through the whole's size); and
    /// a last choice with no size filter, whose download the cap stops, so the job goes on to a lower format or splits.
    /// </summary>
    /// <param name="preferences">The upload limit, the user's quality, sound only.</param>
    /// <param name="clip">The length of the part fetched; null for the whole.</param>
    public static string YtDlpJobSpec(FormatPreferences preferences, TimeSpan? clip)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        var spec = clip is { TotalSeconds: >= 1 } part ? Spec(preferences, max => BitrateFilter(max, part)) : Spec(preferences, SizeFilter);
        return spec + (preferences.AudioOnly ? "/wa/w" : "/w/wv*+wa");
    }

    private static string Spec(FormatPreferences preferences, Func<long, string> filter)
    {
        var all = filter(preferences.MaxBytes);
        if (preferences.AudioOnly)
        {
            return $"ba[ext=m4a]{all}/ba{all}/w{all}";
        }

        var height = preferences.MaxHeight is { } h ? $"[height<=?{h.ToString(CultureInfo.InvariantCulture)}]" : string.Empty;

        // A merged download is video plus audio; reserve a tenth of the budget for the audio track.
        var video = filter(preferences.MaxBytes - (preferences.MaxBytes / 10));
        var audio = filter(preferences.MaxBytes / 10);
        var spec = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"bv*{height}{video}[ext=mp4]+ba{audio}[ext=m4a]")
            .Append(CultureInfo.InvariantCulture, $"/b{height}{all}[ext=mp4]")
            .Append(CultureInfo.InvariantCulture, $"/bv*{height}{video}+ba{audio}")
            .Append(CultureInfo.InvariantCulture, $"/b{height}{all}");

        // Last resort: the smallest muxed format, whatever its height.
        spec.Append(CultureInfo.InvariantCulture, $"/w{all}");
        return spec.ToString();
    }

    /// <summary>At most <paramref name="maxBytes"/> over <paramref name="clip"/>: yt-dlp's <c>tbr</c> is in kbit/s.</summary>
    private static string BitrateFilter(long maxBytes, TimeSpan clip)
    {
        var kbps = (long)Math.Max(0, maxBytes * 8 / 1000.0 / clip.TotalSeconds);
        return $"[tbr<?{kbps.ToString(CultureInfo.InvariantCulture)}]";
    }

    private static string SizeFilter(long maxBytes)
    {
        var n = Math.Max(0, maxBytes).ToString(CultureInfo.InvariantCulture);
        return $"[filesize<?{n}][filesize_approx<?{n}]";
    }

    private static List<MediaFormat> RankForVideo(List<Candidate> candidates, FormatPreferences preferences, bool needsAudio)
    {
        var pool = candidates.Where(c => c.Format.HasVideo).ToList();
        if (pool.Count == 0)
        {
            pool = candidates;
        }

        // The user's height cap; when every format is above it, the lowest ones are better than nothing.
        var capped = preferences.MaxHeight is { } max ? pool.Where(c => c.Format.Height is null || c.Format.Height <= max).ToList() : pool;
        if (capped.Count == 0)
        {
            return [.. pool.OrderBy(c => c.Format.Height ?? 0).ThenBy(c => c.Size ?? long.MaxValue).Select(c => c.Format)];
        }

        return [.. capped
            .OrderBy(c => Fit(c, preferences) == FitTier.OverEstimate)
            // A silent video is worse than a lower quality with sound, unless yt-dlp merges the best audio in.
            .ThenBy(c => needsAudio && !preferences.MergeAudio && !c.Format.HasAudio)
            .ThenByDescending(c => c.Format.Height ?? 0)
            .ThenBy(c => Fit(c, preferences))
            .ThenByDescending(c => TelegramCompatibility(c.Format))
            .ThenByDescending(c => c.Format.Bitrate ?? 0)
            .ThenBy(c => c.Format.Protocol)
            .Select(c => c.Format)];
    }

    private static List<MediaFormat> RankForAudio(List<Candidate> candidates, FormatPreferences preferences)
    {
        var audioOnly = candidates.Where(c => !c.Format.HasVideo && c.Format.HasAudio).ToList();
        if (audioOnly.Count > 0)
        {
            return [.. audioOnly
                .OrderBy(c => Fit(c, preferences))
                .ThenByDescending(c => IsAny(c.Format.Container, "m4a", "mp4", "mp3", "aac") || StartsWithAny(c.Format.AudioCodec, "mp4a", "aac", "mp3"))
                .ThenByDescending(c => c.Format.Bitrate ?? 0)
                .Select(c => c.Format)];
        }

        // No audio-only format: the smallest muxed one (the sound is extracted from it), never a silent one.
        return [.. candidates
            .Where(c => c.Format.HasAudio)
            .OrderBy(c => Fit(c, preferences))
            .ThenBy(c => c.Size ?? long.MaxValue)
            .ThenBy(c => c.Format.Height ?? int.MaxValue)
            .ThenBy(c => c.Format.Bitrate ?? long.MaxValue)
            .Select(c => c.Format)];
    }

    private static FitTier Fit(Candidate c, FormatPreferences preferences) => c.Size switch
    {
        null => FitTier.Unknown,
        var size when size <= preferences.MaxBytes => FitTier.Fits,
        _ => FitTier.OverEstimate,
    };

    /// <summary>Telegram plays H.264 in mp4 inline; other codecs or containers may arrive as files or not play on some clients.</summary>
    private static int TelegramCompatibility(MediaFormat format)
    {
        var mp4 = format.Container is null || IsAny(format.Container, "mp4", "m4v", "mov");
        var h264 = StartsWithAny(format.VideoCodec, "avc", "h264");
        var codecUnknown = format.VideoCodec is null;
        return (mp4, h264, codecUnknown) switch
        {
            (true, true, _) => 3,
            (true, _, true) => 2,
            (true, _, _) => 1,
            _ => 0,
        };
    }

    private static (long? Size, bool IsEstimate) EstimateSizeCore(MediaFormat format, MediaItem item)
    {
        if (format.Size is { } size)
        {
            return (size, format.SizeIsEstimate);
        }

        if (format.Bitrate is { } bps && item.Duration is { } duration && duration > TimeSpan.Zero)
        {
            return ((long)(bps * duration.TotalSeconds / 8), true);
        }

        return (null, false);
    }

    private static (long? Size, bool IsEstimate) EstimateSize(MediaFormat format, MediaItem item, FormatPreferences preferences)
    {
        var (size, estimate) = EstimateSizeCore(format, item);
        if (size is null || !preferences.MergeAudio || format.HasAudio || !format.HasVideo)
        {
            return (size, estimate);
        }

        // yt-dlp will add the best audio track: count it in.
        var audio = item.Formats
            .Where(f => !f.HasVideo && f.HasAudio)
            .Select(f => EstimateSizeCore(f, item))
            .Where(s => s.Size is not null)
            .OrderByDescending(s => s.Size)
            .FirstOrDefault();
        return audio.Size is { } audioSize ? (size + audioSize, estimate || audio.IsEstimate) : (size, true);
    }

    private static bool IsAny(string? value, params string[] options) =>
        value is not null && options.Any(o => string.Equals(value, o, StringComparison.OrdinalIgnoreCase));

    private static bool StartsWithAny(string? value, params string[] prefixes) =>
        value is not null && prefixes.Any(p => value.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private enum FitTier { Fits, Unknown, OverEstimate }

    private sealed class Candidate(MediaFormat format, (long? Size, bool IsEstimate) size)
    {
        public MediaFormat Format { get; } = format;
        public long? Size { get; } = size.Size;
        public bool SizeIsEstimate { get; } = size.IsEstimate;
    }
}
