namespace VideoBot.FakeTelegram.Formatting;

/// <summary>
/// A MessageEntity as the Bot API shows it: <paramref name="Type"/> is the API's name ("bold", "text_link", "url",
/// "bot_command"...), offsets and lengths count UTF-16 code units like Telegram's.
/// </summary>
public sealed record TextEntity(
    string Type,
    int Offset,
    int Length,
    string? Url = null,
    string? Language = null,
    long? UserId = null,
    string? CustomEmojiId = null);
