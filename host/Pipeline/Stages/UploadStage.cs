using Microsoft.Extensions.Logging;
using VideoBot.Host.Caching;
using VideoBot.Host.Extraction;
using VideoBot.Host.Jobs;
using VideoBot.Host.Messages;
using VideoBot.Host.Pipeline.Captions;
using VideoBot.Host.Pipeline.Output;
using VideoBot.Host.Routing;

namespace VideoBot.Host.Pipeline.Stages;

/// <summary>
/// The upload stage and a job's good ending: the files go out as replies with the post's caption (showing "sending video…"
/// meanwhile), the status message is removed, and what the messenger stored is returned for the cache.
/// </summary>
internal sealed class UploadStage(IMediaSender sender, CaptionBuilder captions, MessageCatalog messages, BotStats stats, ILogger<UploadStage> logger)
{
    public async Task<CachedMedia> SendAsync(
        LinkRequest request, RouteResult route, string key, ExtractionOutcome outcome, IReadOnlyList<OutgoingFile> files, JobWorkspace work, ObservedJob job)
    {
        work.Status.Show(messages.Html(request.Language, "status.uploading"));
        var caption = captions.Build(outcome.Post, outcome.Post.CanonicalUrl ?? route.Url!, request.Language);
        IReadOnlyList<SentFile> sent;
        await using (sender.ShowUploading(request, files))
        {
            sent = await sender.SendAsync(request, files, caption, work.Token);
        }

        // HybridCache stores the result when this returns; until then anyone sending the link joins this job.
        await work.Status.DeleteAsync();
        stats.Success();
        job.Uploaded(files.Select(f => f.Path));
        job.Finish("success");
        PipelineLog.JobSucceeded(logger, key, request.Settings.Choice, sent.Count, (long)work.Elapsed.TotalMilliseconds);
        return new CachedMedia(sent, caption);
    }
}
