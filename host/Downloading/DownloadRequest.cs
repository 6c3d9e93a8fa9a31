using VideoBot.Host.Media;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Media;

namespace VideoBot.Host.Downloading;

/// <summary>One file to fetch.</summary>
/// <param name="Format">The chosen format.</param>
/// <param name="Via">When set, yt-dlp downloads it (the plugin delegated), selecting <see cref="MediaFormat.FormatId"/>, from the
/// description it made when the link was extracted.</param>
/// <param name="TargetDirectory">A job-private temporary folder; the downloader writes only inside it.</param>
/// <param name="BaseName">The file name without extension.</param>
/// <param name="MaxBytes">The download stops with <see cref="MediaTooLargeException"/> past this many bytes.</param>
/// <param name="PluginId">The plugin that described the media: picks yt-dlp's per-plugin cookies and proxy. Default none.</param>
internal sealed record DownloadRequest(MediaFormat Format, YtDlpHandOver? Via, string TargetDirectory, string BaseName, long MaxBytes, string? PluginId = null)
{
    /// <summary>Only this part of the media (yt-dlp's <c>--download-sections</c>, or ffmpeg's <c>-ss</c>/<c>-t</c>). Default all.</summary>
    public ClipRange? Clip { get; init; }

    /// <summary>Subtitles to fetch with a delegated download. Default none.</summary>
    public SubtitleRequest? Subtitles { get; init; }
}

/// <summary>Fetches one format to disk: HTTP streams, HLS/DASH through ffmpeg, delegated media through yt-dlp.</summary>
internal interface IMediaDownloader
{
    Task<DownloadedFile> DownloadAsync(DownloadRequest request, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken);
}
