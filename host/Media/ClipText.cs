
namespace VideoBot.Host.Media;

/// <summary>What a message's words say about a clip.</summary>
/// <param name="Range">The range asked for, when one was given and is valid.</param>
/// <param name="Error">Why a range that was given is refused.</param>
/// <param name="Precise">The user asked for precise cuts (<c>precise</c>, <c>exact</c>; Romanian <c>precis</c>, <c>exact</c>).</param>
internal sealed record ClipWords(ClipRange? Range, ClipRangeError? Error, bool Precise)
{
    public static ClipWords None { get; } = new(null, null, false);

    public bool Given => Range is not null || Error is not null;
}

/// <summary>
/// Finds a range in the words around a link: <c>https://… 1:20-1:45</c>, or <c>/clip https://… 1:20-1:45 precise</c>. Only a
/// word shaped like a range counts (digits, <c>:</c>, <c>.</c> and a dash), so a comment such as "look at 1:20" is not a clip.
/// </summary>
internal static class ClipText
{
    private static readonly string[] PreciseWords = ["precise", "exact", "precis", "precisă", "exactă"];

    /// <summary>Reads <paramref name="text"/>, leaving out the words that hold one of <paramref name="links"/>.</summary>
    public static ClipWords Find(string? text, IReadOnlyList<string> links)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ClipWords.None;
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !w.StartsWith('/') && !links.Any(l => w.Contains(Bare(l), StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var precise = words.Any(w => PreciseWords.Contains(w.Trim('.', ',', '!').ToLowerInvariant()));
        var range = words.FirstOrDefault(ClipRangeParser.LooksLikeRange);
        if (range is null)
        {
            return precise ? new ClipWords(null, null, true) : ClipWords.None;
        }

        var (parsed, error) = ClipRangeParser.Parse(range, precise);
        return new ClipWords(parsed, error, precise);
    }

    /// <summary>The link as typed may lack the scheme Telegram's entity gave it.</summary>
    private static string Bare(string link)
    {
        var scheme = link.IndexOf("://", StringComparison.Ordinal);
        return scheme >= 0 ? link[(scheme + 3)..] : link;
    }
}
