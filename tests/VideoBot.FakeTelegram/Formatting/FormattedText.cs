namespace VideoBot.FakeTelegram.Formatting;

/// <summary>Plain text plus its entities: what a message holds after Telegram parsed the parse mode.</summary>
internal sealed record FormattedText(string Text, IReadOnlyList<TextEntity> Entities)
{
    public static FormattedText Plain(string text) => new(text, []);

    /// <summary>Sorts like tdlib: by offset, then the longer (outer) entity first.</summary>
    public static IReadOnlyList<TextEntity> Sorted(IEnumerable<TextEntity> entities) =>
        [.. entities.OrderBy(e => e.Offset).ThenByDescending(e => e.Length)];
}
