namespace VideoBot.Host.Caching;

/// <summary>How one file was sent, which decides how it is sent again.</summary>
internal enum SentKind { Video, Photo, Audio, Animation, Document }

/// <summary>One file Telegram already holds.</summary>
internal sealed record SentFile(SentKind Kind, string FileId)
{
    /// <summary>Its own caption line ("part 1/3"), sent again with it. Default none.</summary>
    public string? Label { get; init; }
}

/// <summary>What a link was answered with: its files in order, and the caption (Telegram HTML) of the first.</summary>
internal sealed record CachedMedia(IReadOnlyList<SentFile> Files, string? Caption);
