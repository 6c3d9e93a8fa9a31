using VideoBot.Sdk.Extraction;
using VideoBot.Host.Media;

namespace VideoBot.Host.YtDlp;

/// <summary>One yt-dlp download.</summary>
/// <param name="Request">The plugin's hand-over (URL, extractor arguments, generic extractor allowed or not).</param>
/// <param name="PluginId">Picks the per-plugin cookies and proxy; null for none.</param>
/// <param name="Format">A format id from <c>-J</c>, or a selector such as <see cref="Downloading.FormatSelector.YtDlpFormatSpec"/>'s.</param>
/// <param name="TargetDirectory">The job's private folder; yt-dlp writes only there.</param>
/// <param name="BaseName">Our file name without extension (letters, digits, <c>_</c>, <c>-</c>); never the site's title.</param>
/// <param name="MaxBytes">The size cap.</param>
internal sealed record YtDlpDownload(YtDlpRequest Request, string? PluginId, string Format, string TargetDirectory, string BaseName, long MaxBytes)
{
    /// <summary>HTTP headers for every request (<c>--add-header</c>), for a manifest handed over directly. Default none.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Only this part (<c>--download-sections</c>); the size cap then applies to the part. Default all.</summary>
    public Media.ClipRange? Section { get; init; }

    /// <summary>Subtitles to write (and embed, or keep as files). Default none.</summary>
    public Media.SubtitleRequest? Subtitles { get; init; }

    /// <summary>
    /// The one video's info document (<see cref="YtDlpInfoFile.For"/>) from the description: yt-dlp loads it instead of extracting
    /// <see cref="YtDlpRequest.Url"/> again. Default none: the download starts from the URL.
    /// </summary>
    public byte[]? Info { get; init; }
}
