using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.YtDlp;

/// <summary>
/// A link yt-dlp downloads: the hand-over, and the document yt-dlp wrote when it described it. A download loads that document
/// (<c>--load-info-json</c>) instead of extracting the page a second time, unless the describing run is downloading already.
/// </summary>
/// <param name="Request">The URL and extractor options, as checked by the host.</param>
internal sealed record YtDlpHandOver(YtDlpRequest Request)
{
    /// <summary>
    /// yt-dlp's <c>-J</c> document of <see cref="Request"/> (UTF-8, at most the engine's JSON bound); null when there is none
    /// (a manifest the host hands over directly), and the download then starts from the URL. Never changed once set.
    /// </summary>
    public byte[]? Info { get; init; }

    /// <summary>
    /// The run that described <see cref="Request"/> and goes on downloading the job's choice (<see cref="YtDlpPlan"/>); null
    /// when the description was made on its own (<c>-J</c>). Only the job whose folder it writes to takes it.
    /// </summary>
    public YtDlpRun? Run { get; init; }
}
