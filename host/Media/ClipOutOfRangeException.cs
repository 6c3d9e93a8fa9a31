namespace VideoBot.Host.Media;

/// <summary>A clip that starts or ends after the media does.</summary>
internal sealed class ClipOutOfRangeException(ClipRange clip, TimeSpan duration)
    : Exception($"The clip {clip.Key} goes past the media's end at {duration}.")
{
    public ClipRange Clip { get; } = clip;

    public TimeSpan Duration { get; } = duration;

    /// <summary>
    /// The refusal of a <paramref name="clip"/> that starts at or after the end of <paramref name="duration"/>, or ends more
    /// than half a second after it (durations in metadata are rounded); null when it fits. Nothing to check when the duration
    /// is unknown: ffmpeg then simply stops at the end.
    /// </summary>
    public static ClipOutOfRangeException? PastEnd(ClipRange clip, TimeSpan? duration) =>
        duration is { } d && d > TimeSpan.Zero && (clip.Start >= d || clip.End > d + TimeSpan.FromMilliseconds(500))
            ? new ClipOutOfRangeException(clip, d)
            : null;
}
