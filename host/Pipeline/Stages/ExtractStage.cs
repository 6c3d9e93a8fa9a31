using Microsoft.Extensions.Options;
using VideoBot.Host.Admission;
using VideoBot.Host.Caching;
using VideoBot.Host.Configuration;
using VideoBot.Host.Downloading;
using VideoBot.Host.Extraction;
using VideoBot.Host.Media;
using VideoBot.Host.Routing;
using VideoBot.Sdk.Media;

namespace VideoBot.Host.Pipeline.Stages;

/// <summary>
/// The extract stage: the post behind the route, from the cache's metadata level when a recent job (or a quality question)
/// described it, else from the plugins and yt-dlp with the route and platform already found (the metadata is kept for
/// <c>Cache:MetadataMinutes</c>, so the job after a quality question reuses what the question described). Media longer than
/// <c>Limits:MaxDurationSeconds</c> (for a clip: the clip) is refused here, before anything is downloaded. A link handed to
/// yt-dlp is described and downloaded by one run (<see cref="DelegatedPlan"/>), which is stopped as soon as its description
/// shows media this stage refuses.
/// </summary>
internal sealed class ExtractStage(
    IExtractionService extraction, MediaCache cache, JobGuard guard, IOptions<LimitsOptions> limits, IOptions<TelegramOptions> telegram)
{
    public async Task<ExtractionOutcome> ExtractAsync(
        LinkRequest request, RouteResult route, Platform platform, string key, string directory, CancellationToken cancellationToken)
    {
        var clip = request.Settings.Clip;
        var plan = DelegatedPlan.For(request.Settings, telegram.Value.UploadLimit, directory, cancellationToken) with
        {
            Admits = post => Refusal(post, clip) is null,
        };
        var outcome = await cache.GetOrExtractAsync(key, c => extraction.ExtractAsync(route, platform, plan, c), cancellationToken);
        if (Refusal(outcome.Post, clip) is { } refusal)
        {
            throw refusal;
        }

        return outcome;
    }

    /// <summary>
    /// The post behind the route with no limit applied, what a quality question is built from. No job holds the platform's
    /// guard for a question, so an extraction it needs (the description is not cached) passes the guard itself: the
    /// platform's rate limit and slots count it like a job's, and refuse it the same way (<see cref="LimitRefusal"/>).
    /// </summary>
    public Task<ExtractionOutcome> DescribeAsync(RouteResult route, Platform platform, string key, CancellationToken cancellationToken) =>
        cache.GetOrExtractAsync(key, async c =>
        {
            using var admitted = await guard.EnterAsync(platform.Key, platform.Name, static () => { }, c);
            return await extraction.ExtractAsync(route, platform, c);
        }, cancellationToken);

    /// <summary>Why the job refuses this media (too long, a clip past its end), or null when it may be fetched.</summary>
    private Exception? Refusal(MediaPost post, ClipRange? clip)
    {
        var max = limits.Value.MaxDurationSeconds;
        var duration = post.Duration ?? post.Items.Max(i => i.Duration);
        if (clip is not null)
        {
            // A clip is fetched only in part: its own length counts against the limit, not the whole media's.
            return (Exception?)ClipOutOfRangeException.PastEnd(clip, duration)
                ?? (max > 0 && clip.Length.TotalSeconds > max ? new MediaTooLongException(clip.Length, TimeSpan.FromSeconds(max)) : null);
        }

        return max > 0 && duration is { } d && d.TotalSeconds > max ? new MediaTooLongException(d, TimeSpan.FromSeconds(max)) : null;
    }
}
