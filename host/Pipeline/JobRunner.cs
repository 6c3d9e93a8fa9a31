using VideoBot.Host.Caching;
using VideoBot.Host.Jobs;
using VideoBot.Host.Pipeline.Stages;

namespace VideoBot.Host.Pipeline;

/// <summary>
/// Answers one link, stage by stage: route it (<see cref="RouteStage"/>: a quick answer for unusable, unclaimed and playlist
/// links), answer from the file_id cache when it can, or from another user's job for the same link, running here or on another
/// instance (<see cref="CachedAnswers"/>), else run the full job (<see cref="FullJob"/>: admission, extract, fetch, upload,
/// finish). Every line logged for the link carries the job's id, hashed user, plugin and outcome.
/// </summary>
internal sealed class JobRunner(JobObserver observer, RouteStage routes, CachedAnswers cached, FullJob fullJob)
{
    public async Task RunAsync(LinkRequest request, CancellationToken cancellationToken)
    {
        // Every line logged for this link, here and below (plugins, yt-dlp), carries the job id, hashed user, plugin, outcome.
        using var job = observer.Begin(request.UserId);
        if (await routes.RouteAsync(request, job, cancellationToken) is not { } route)
        {
            return;
        }

        var key = route.Url!.AbsoluteUri;
        var choice = request.Settings.Choice;
        var source = await cached.AnswerAsync(request, key, choice, ct => fullJob.RunAsync(request, route, key, job, ct), cancellationToken);
        if (source != AnswerSource.SharedFailure)
        {
            job.CacheLookup(source == AnswerSource.Cache);
        }

        // The own job recorded its outcome already (Finish keeps the first); "failed" covers one that could not start.
        job.Finish(source == AnswerSource.Cache ? "cached" : "failed");
    }
}
