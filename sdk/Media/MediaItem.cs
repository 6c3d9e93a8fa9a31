namespace VideoBot.Sdk.Media;

/// <summary>One video, image or audio track of a post, in one or more formats.</summary>
public sealed record MediaItem
{
    /// <summary>What this item is.</summary>
    public MediaKind Kind { get; init; } = MediaKind.Video;

    /// <summary>The site's id for the item, when it differs from the post's.</summary>
    public string? Id { get; init; }

    /// <summary>The item's own title, when it has one.</summary>
    public string? Title { get; init; }

    /// <summary>The item's length.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>A still image for the item.</summary>
    public Uri? Thumbnail { get; init; }

    /// <summary>The ways this item can be fetched. Never empty; order does not matter, the host ranks them.</summary>
    public required IReadOnlyList<MediaFormat> Formats { get; init; }
}
