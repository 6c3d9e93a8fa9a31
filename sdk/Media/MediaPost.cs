namespace VideoBot.Sdk.Media;

/// <summary>
/// What a URL describes: a post with one media item, or a carousel of several. Post-level fields
/// (title, uploader...) apply to every item unless the item says otherwise.
/// </summary>
public sealed record MediaPost
{
    /// <summary>The site's own id for the post.</summary>
    public required string Id { get; init; }

    /// <summary>The post's title, or its text when the site has no titles.</summary>
    public string? Title { get; init; }

    /// <summary>The post's description or caption.</summary>
    public string? Description { get; init; }

    /// <summary>Who posted it: a display name or handle.</summary>
    public string? Uploader { get; init; }

    /// <summary>The post's length, for a single video.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>A still image for the post.</summary>
    public Uri? Thumbnail { get; init; }

    /// <summary>The post's canonical URL on the site.</summary>
    public Uri? CanonicalUrl { get; init; }

    /// <summary>When the post was published, if the site says.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The post's media, in the site's order. Never empty.</summary>
    public required IReadOnlyList<MediaItem> Items { get; init; }

    /// <summary>True when the post holds several items (an album or carousel).</summary>
    public bool IsCarousel => Items.Count > 1;
}
