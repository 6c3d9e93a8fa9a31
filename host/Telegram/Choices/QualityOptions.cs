using VideoBot.Host.Caching;
using VideoBot.Host.Downloading;
using VideoBot.Host.Messages;
using VideoBot.Sdk.Media;
using VideoBot.Host.Media;

namespace VideoBot.Host.Telegram.Choices;

/// <summary>
/// The buttons of a quality question: each height with a format under the upload limit ("1080p · 48 MB", at most
/// <see cref="MaxHeights"/>), "Sound only · 3 MB", and "As a file". Sizes are the formats' own or estimated from their
/// bitrate; for a clip, scaled to its share of the whole. A height whose size is unknown is listed without one.
/// </summary>
internal static class QualityOptions
{
    public const int MaxHeights = 4;

    /// <summary>The options for a post of one video; empty for anything else (albums, images, sound), which is simply fetched.</summary>
    public static IReadOnlyList<ChoiceOption> Build(MediaPost post, bool delegated, UserSettings settings, long limit, MessageCatalog messages, string language)
    {
        if (post.Items.Count != 1 || post.Items[0].Kind != MediaKind.Video)
        {
            return [];
        }

        var item = post.Items[0];
        var plain = settings with { AskQuality = false, AudioOnly = false, SendAs = SendAs.Video };
        var preferences = new FormatPreferences(long.MaxValue / 4, MergeAudio: delegated);
        var share = settings.Clip is { } clip && item.Duration is { } whole && whole > clip.Length ? clip.Length / whole : 1.0;
        long? Scaled(long? size) => size is { } s ? (long)(s * share) : null;

        var options = new List<ChoiceOption>();
        var heights = item.Formats.Where(f => f.HasVideo && f.Height is > 0).Select(f => f.Height!.Value).Distinct().OrderDescending();
        foreach (var height in heights)
        {
            var best = FormatSelector.Rank(item, preferences with { MaxHeight = height }).FirstOrDefault(f => f.Height == height);
            var size = best is null ? null : Scaled(FormatSelector.EstimatedSize(item, best, preferences));
            if (best is null || size > limit)
            {
                continue;
            }

            var name = messages.Plain(language, "settings.quality.height", ("height", height));
            options.Add(new ChoiceOption(WithSize(name, size), plain with { MaxHeight = height }));
            if (options.Count == MaxHeights)
            {
                break;
            }
        }

        if (options.Count == 0)
        {
            options.Add(new ChoiceOption(messages.Plain(language, "quality.best"), plain with { MaxHeight = null }));
        }

        if (item.Formats.Any(f => f.HasAudio) || delegated)
        {
            var sound = item.Formats.Where(f => f.HasAudio && !f.HasVideo)
                .Select(f => Scaled(FormatSelector.EstimatedSize(item, f, preferences)))
                .Where(s => s is not null)
                .DefaultIfEmpty(null)
                .Max();
            options.Add(new ChoiceOption(WithSize(messages.Plain(language, "quality.audio"), sound), plain with { AudioOnly = true }));
        }

        options.Add(new ChoiceOption(messages.Plain(language, "quality.document"), plain with { MaxHeight = null, SendAs = SendAs.Document }));
        return options;
    }

    private static string WithSize(string name, long? size) => size is { } s ? $"{name} · {Formats.Size(s)}" : name;
}
