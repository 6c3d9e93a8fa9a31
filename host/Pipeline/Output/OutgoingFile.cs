using VideoBot.Host.Caching;

namespace VideoBot.Host.Pipeline.Output;

/// <summary>One file to send: a downloaded file (<see cref="Path"/>) or one Telegram already holds (<see cref="FileId"/>).</summary>
internal sealed record OutgoingFile(SentKind Kind, string? Path, string? FileId)
{
    public int? Width { get; init; }

    public int? Height { get; init; }

    /// <summary>In whole seconds.</summary>
    public int? Duration { get; init; }

    /// <summary>A small JPEG for the preview, when the source had one.</summary>
    public string? ThumbnailPath { get; init; }

    /// <summary>For audio: the track title and performer Telegram's player shows.</summary>
    public string? Title { get; init; }

    public string? Performer { get; init; }

    /// <summary>A line of its own caption, such as "part 1/3": such a file is sent alone, with the line under it.</summary>
    public string? Label { get; init; }

    public static OutgoingFile Cached(SentFile file) => new(file.Kind, null, file.FileId) { Label = file.Label };
}
