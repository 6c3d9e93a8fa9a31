using VideoBot.FakeTelegram.Formatting;

namespace VideoBot.FakeTelegram.State;

/// <summary>
/// A message as the fake stores it: sent by the bot (what tests assert on) or by a user (what the bot reads).
/// <see cref="Text"/> and <see cref="Caption"/> are the plain texts after parse-mode parsing; <see cref="SourceText"/>
/// is what the bot passed, with its <see cref="ParseMode"/>. Edits replace the record (see <see cref="EditDate"/>).
/// </summary>
public sealed record FakeMessage
{
    public required long ChatId { get; init; }

    public required long MessageId { get; init; }

    public required long Date { get; init; }

    /// <summary>"text", "video", "photo", "document", "audio" or "animation".</summary>
    public required string Kind { get; init; }

    public required long FromUserId { get; init; }

    public bool FromBot { get; init; }

    public string? Text { get; init; }

    public string? Caption { get; init; }

    public IReadOnlyList<TextEntity> Entities { get; init; } = [];

    public string? SourceText { get; init; }

    public string? ParseMode { get; init; }

    public string? FileId { get; init; }

    public string? FileUniqueId { get; init; }

    public string? ThumbnailFileId { get; init; }

    public long? ReplyToMessageId { get; init; }

    /// <summary>The reply_markup JSON exactly as the bot sent it.</summary>
    public string? ReplyMarkup { get; init; }

    /// <summary>The link_preview_options JSON exactly as the bot sent it.</summary>
    public string? LinkPreviewOptions { get; init; }

    public string? MediaGroupId { get; init; }

    public bool HasSpoiler { get; init; }

    public bool? SupportsStreaming { get; init; }

    public int? Duration { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public long? EditDate { get; init; }

    /// <summary>A forward_origin JSON object for user messages that were forwarded.</summary>
    public string? ForwardOrigin { get; init; }
}
