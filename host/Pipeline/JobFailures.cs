namespace VideoBot.Host.Pipeline;

/// <summary>The media runs longer than <c>Limits:MaxDurationSeconds</c>.</summary>
internal sealed class MediaTooLongException(TimeSpan duration, TimeSpan limit)
    : Exception($"The media lasts {duration}, more than the {limit} limit.")
{
    public TimeSpan Duration { get; } = duration;

    public TimeSpan Limit { get; } = limit;
}

/// <summary>A job ran past <c>Limits:JobTimeoutMinutes</c>.</summary>
internal sealed class JobTimeoutException(TimeSpan limit) : Exception($"The job ran longer than {limit}.");
