namespace VideoBot.FakeTelegram.State;

/// <summary>
/// A file on the fake's "servers": uploaded bytes, or a URL the bot passed (kept as a URL, never fetched).
/// The bytes are kept so tests can compare what the bot uploaded with what it downloaded.
/// </summary>
public sealed record StoredFile
{
    public required string FileId { get; init; }

    public required string FileUniqueId { get; init; }

    /// <summary>"video", "photo", "document", "audio", "animation" or "thumbnail".</summary>
    public required string Kind { get; init; }

    public byte[]? Bytes { get; init; }

    public string? Url { get; init; }

    public string? FileName { get; init; }

    public string? MimeType { get; init; }

    public long? FileSize => Bytes?.LongLength;

    public int? Width { get; init; }

    public int? Height { get; init; }

    public int? Duration { get; init; }

    public required string FilePath { get; init; }

    /// <summary>"size=N sha256=hex" of the bytes, or the URL: how request logs show a file.</summary>
    public string Fingerprint => Bytes is null ? $"url={Url}" : FileFingerprint.Of(Bytes);
}
