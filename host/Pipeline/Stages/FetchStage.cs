using VideoBot.Host.Extraction;
using VideoBot.Host.Pipeline.Fetching;
using VideoBot.Host.Pipeline.Output;

namespace VideoBot.Host.Pipeline.Stages;

/// <summary>
/// The fetch stage: every item of the post downloaded into the job's folder (<see cref="MediaFetcher"/>), then, for a photo
/// slideshow the user wants as a video, rendered into one (<see cref="SlideshowVideos"/>). The status message shows progress.
/// </summary>
internal sealed class FetchStage(MediaFetcher fetcher, SlideshowVideos slideshows)
{
    public async Task<IReadOnlyList<OutgoingFile>> FetchAsync(
        LinkRequest request, ExtractionOutcome outcome, string directory, IStatusMessage status, CancellationToken cancellationToken)
    {
        var files = await fetcher.FetchAsync(outcome, request.Settings, directory, status, request.Language, cancellationToken);
        return await slideshows.ApplyAsync(outcome.Post, files, request.Settings, status, request.Language, directory, cancellationToken);
    }
}
