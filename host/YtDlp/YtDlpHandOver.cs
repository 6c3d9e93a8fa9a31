using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.YtDlp;

/// <summary>
/// A link yt-dlp downloads: the hand-over, and the <c>-J</c> document yt-dlp wrote when it described it. The download loads
/// that document (<c>--load-info-json</c>) instead of extracting the page a second time.
/// </summary>
/// <param name="Request">The URL and extractor options, as checked by the host.</param>
internal sealed record YtDlpHandOver(YtDlpRequest Request)
{
    /// <summary>
    /// yt-dlp's <c>-J</c> document of <see cref="Request"/> (UTF-8, at most the engine's JSON bound); null when there is none
    /// (a manifest the host hands over directly), and the download then starts from the URL. Never changed once set.
    /// </summary>
    public byte[]? Info { get; init; }
}
