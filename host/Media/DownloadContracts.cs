using VideoBot.Sdk.Media;

namespace VideoBot.Host.Media;

/// <summary>What the user asked for, and what the upload allows.</summary>
/// <param name="MaxBytes">The largest file that can be sent.</param>
/// <param name="AudioOnly">Send sound only.</param>
/// <param name="MaxHeight">The user's quality cap, if any.</param>
/// <param name="MergeAudio">
/// True when yt-dlp downloads (the plugin delegated): it adds the best audio to a video-only format, so such formats rank by
/// their height instead of after every format with sound. Default false.
/// </param>
internal sealed record FormatPreferences(long MaxBytes, bool AudioOnly = false, int? MaxHeight = null, bool MergeAudio = false);

/// <summary>Subtitles in <paramref name="Language"/> (English as fallback), inside the mp4 or as separate files.</summary>
internal sealed record SubtitleRequest(string Language, bool Embed);

/// <summary>A finished download.</summary>
internal sealed record DownloadedFile(string Path, long Length, string Container)
{
    /// <summary>Subtitle files written beside the media (when asked for as files). Default none.</summary>
    public IReadOnlyList<string> SubtitleFiles { get; init; } = [];
}

internal enum DownloadStage { Downloading, Merging }

/// <summary>Progress of a download; <see cref="Total"/> is null when unknown.</summary>
internal sealed record DownloadProgress(DownloadStage Stage, long Bytes, long? Total, double BytesPerSecond);

/// <summary>The media is bigger than the upload limit allows.</summary>
internal sealed class MediaTooLargeException(long limit, long? actual)
    : Exception($"The media is larger than the {limit / (1024 * 1024)} MB limit.")
{
    public long Limit { get; } = limit;
    public long? Actual { get; } = actual;
}
