using VideoBot.Host.Media;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.Host.YtDlp;

/// <summary>
/// What a job will download when a plugin hands its link to yt-dlp, known before the link is described: yt-dlp then describes
/// and downloads in one run (<see cref="YtDlpEngine.DescribeAsync(YtDlpRequest, string, YtDlpPlan?, CancellationToken)"/>)
/// instead of <c>-J</c> and a second run that loads the description.
/// </summary>
/// <param name="Format">The job's choice as a yt-dlp selector with its fallbacks (the upload limit, the user's quality, sound only).</param>
/// <param name="TargetDirectory">The job's private folder; the run writes only there.</param>
/// <param name="BaseName">Our file name without extension.</param>
/// <param name="MaxBytes">The size cap (<c>--max-filesize</c>, the progress stream and the finished file, as for any download).</param>
/// <param name="Stop">The job's own token: cancelling it kills the run even after the description was handed back.</param>
internal sealed record YtDlpPlan(string Format, string TargetDirectory, string BaseName, long MaxBytes, CancellationToken Stop)
{
    /// <summary>Only this part (<c>--download-sections</c>). Default all.</summary>
    public ClipRange? Section { get; init; }

    /// <summary>Subtitles to write (and embed, or keep as files). Default none.</summary>
    public SubtitleRequest? Subtitles { get; init; }

    /// <summary>
    /// Whether the job goes on with the described media (its length against the job's limits); when false, the run is stopped
    /// at once and the job refuses it as it would any description. Default: always.
    /// </summary>
    public Func<MediaPost, bool> Admits { get; init; } = _ => true;

    /// <summary>The download this plan makes of <paramref name="request"/>.</summary>
    public YtDlpDownload For(YtDlpRequest request, string? pluginId) =>
        new(request, pluginId, Format, TargetDirectory, BaseName, MaxBytes) { Section = Section, Subtitles = Subtitles };
}
