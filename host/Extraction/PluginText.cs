using System.Globalization;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.Host.Extraction;

/// <summary>
/// Caps the texts a plugin hands the host (titles, descriptions, failure messages), where they enter it: a 10 MB title must
/// not be printed by the command line, logged by the bot or carried through a job whole. The cut is marked, with its size.
/// </summary>
internal static class PluginText
{
    public const int MaxTitle = 4_096;
    public const int MaxDescription = 16_384;
    public const int MaxName = 1_024;
    public const int MaxMessage = 4_096;

    /// <summary><paramref name="text"/>, or its first <paramref name="max"/> characters and "…[cut N MB]".</summary>
    public static string? Cut(string? text, int max) =>
        text is null || text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…[cut ", Size(text.Length - max), "]");

    /// <summary>The post with its texts capped; the same instance when nothing was too long.</summary>
    public static MediaPost Cap(MediaPost post)
    {
        var capped = post with
        {
            Title = Cut(post.Title, MaxTitle),
            Description = Cut(post.Description, MaxDescription),
            Uploader = Cut(post.Uploader, MaxName),
            Items = post.Items.Any(i => i.Title?.Length > MaxTitle)
                ? [.. post.Items.Select(i => i with { Title = Cut(i.Title, MaxTitle) })]
                : post.Items,
        };
        return capped == post ? post : capped;
    }

    /// <summary>The result with its post capped (a hand-over to yt-dlp carries no text).</summary>
    public static ExtractionResult Cap(ExtractionResult result) =>
        result.Post is { } post && Cap(post) is var capped && !ReferenceEquals(capped, post) ? ExtractionResult.FromPost(capped) : result;

    /// <summary>The failure with its message capped; the same instance when it was short enough.</summary>
    public static ExtractionException Cap(ExtractionException failure) =>
        failure.Message.Length <= MaxMessage || failure.GetType() != typeof(ExtractionException)
            ? failure
            : new ExtractionException(failure.Kind, Cut(failure.Message, MaxMessage)!, failure.InnerException) { RetryAfter = failure.RetryAfter };

    private static string Size(long characters) => characters switch
    {
        >= 1024 * 1024 => (characters / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (characters / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => characters.ToString(CultureInfo.InvariantCulture) + " characters",
    };
}
