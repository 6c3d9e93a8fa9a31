using VideoBot.FakeTelegram.Api;

namespace VideoBot.FakeTelegram.Formatting;

/// <summary>
/// Turns a text parameter into what Telegram stores: parsed with the parse mode (or the explicit entities),
/// trimmed of surrounding whitespace, measured in characters against the limit, and with found entities added.
/// </summary>
internal static class TextRules
{
    public const int MaxMessageLength = 4096;

    public const int MaxCaptionLength = 1024;

    public static FormattedText Parse(string text, string? parseMode, IReadOnlyList<TextEntity>? explicitEntities)
    {
        // Explicit entities win over parse_mode, as documented for the Bot API.
        if (explicitEntities is { Count: > 0 })
        {
            return new FormattedText(text, FormattedText.Sorted(explicitEntities));
        }

        return parseMode?.ToLowerInvariant() switch
        {
            null or "" => FormattedText.Plain(text),
            "html" => HtmlParser.Parse(text),
            // Valid on the real API, but the bot sends HTML: a change to Markdown must fail loudly here, not pass unchecked.
            "markdownv2" or "markdown" => throw ApiErrors.ParseModeNotImplemented(parseMode),
            _ => throw ApiErrors.BadRequest("unsupported parse_mode"),
        };
    }

    /// <summary>The message text of sendMessage / editMessageText, or the matching error.</summary>
    public static FormattedText MessageText(string? text, string? parseMode, IReadOnlyList<TextEntity>? entities)
    {
        var parsed = Finish(Parse(text ?? "", parseMode, entities));
        if (parsed.Text.Length == 0)
        {
            throw ApiErrors.MessageTextEmpty();
        }

        return CharacterCount(parsed.Text) > MaxMessageLength ? throw ApiErrors.MessageTooLong() : parsed;
    }

    /// <summary>A media caption (possibly empty), or the matching error.</summary>
    public static FormattedText Caption(string? caption, string? parseMode, IReadOnlyList<TextEntity>? entities)
    {
        var parsed = Finish(Parse(caption ?? "", parseMode, entities));
        return CharacterCount(parsed.Text) > MaxCaptionLength ? throw ApiErrors.CaptionTooLong() : parsed;
    }

    /// <summary>Telegram counts characters (code points), not UTF-16 units or bytes.</summary>
    public static int CharacterCount(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>Trims surrounding whitespace, keeps the entities on their characters, and adds the found ones.</summary>
    public static FormattedText Finish(FormattedText parsed)
    {
        var text = parsed.Text;
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var trimmed = text[start..end];
        var entities = parsed.Entities
            .Select(e => Clip(e, start, end))
            .OfType<TextEntity>()
            .ToList();
        return new FormattedText(trimmed, EntityFinder.AddFound(trimmed, entities));
    }

    private static TextEntity? Clip(TextEntity entity, int start, int end)
    {
        var from = Math.Max(entity.Offset, start);
        var to = Math.Min(entity.Offset + entity.Length, end);
        return to > from ? entity with { Offset = from - start, Length = to - from } : null;
    }
}
