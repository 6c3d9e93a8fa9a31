using Microsoft.Extensions.Options;
using VideoBot.Host.Caching;
using VideoBot.Host.Configuration;
using VideoBot.Host.Extraction;
using VideoBot.Host.Media;
using VideoBot.Host.Routing;
using VideoBot.Sdk.Media;

namespace VideoBot.Host.Pipeline.Stages;

/// <summary>
/// The extract stage: the post behind the route, from the cache's metadata level when a recent job (or a quality question)
/// described it, else from the plugins and yt-dlp with the route and platform already found (the metadata is kept for
/// <c>Cache:MetadataMinutes</c>, so the job after a quality question reuses what the question described). Media longer than
/// <c>Limits:MaxDurationSeconds</c> (for a clip: the clip) is refused here, before anything is downloaded.
/// </summary>
internal sealed class ExtractStage(IExtractionService extraction, MediaCache cache, IOptions<LimitsOptions> limits)
{
    public async Task<ExtractionOutcome> ExtractAsync(
        LinkRequest request, RouteResult route, Platform platform, string key, CancellationToken cancellationToken)
    {
        var outcome = await DescribeAsync(route, platform, key, cancellationToken);
        CheckDuration(outcome.Post, request.Settings.Clip);
        return outcome;
    }

    /// <summary>The post behind the route, with no limit applied: also what a quality question is built from.</summary>
    public Task<ExtractionOutcome> DescribeAsync(RouteResult route, Platform platform, string key, CancellationToken cancellationToken) =>
        cache.GetOrExtractAsync(key, c => extraction.ExtractAsync(route, platform, c), cancellationToken);

    private void CheckDuration(MediaPost post, ClipRange? clip)
    {
        var max = limits.Value.MaxDurationSeconds;
        var duration = post.Duration ?? post.Items.Max(i => i.Duration);
        if (clip is not null)
        {
            // A clip is fetched only in part: its own length counts against the limit, not the whole media's.
            ClipOutOfRangeException.ThrowIfPastEnd(clip, duration);
            if (max > 0 && clip.Length.TotalSeconds > max)
            {
                throw new MediaTooLongException(clip.Length, TimeSpan.FromSeconds(max));
            }

            return;
        }

        if (max > 0 && duration is { } d && d.TotalSeconds > max)
        {
            throw new MediaTooLongException(d, TimeSpan.FromSeconds(max));
        }
    }
}
