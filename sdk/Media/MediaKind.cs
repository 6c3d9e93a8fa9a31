namespace VideoBot.Sdk.Media;

/// <summary>The kind of a media item, which decides how the host sends it.</summary>
public enum MediaKind
{
    /// <summary>A video, sent as a playable video.</summary>
    Video,

    /// <summary>A still image, sent as a photo.</summary>
    Image,

    /// <summary>Sound only, sent as audio.</summary>
    Audio,

    /// <summary>A short silent loop, sent as an animation.</summary>
    Animation,
}
