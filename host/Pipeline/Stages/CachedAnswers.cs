using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Caching;
using VideoBot.Host.Configuration;
using VideoBot.Host.Pipeline.Output;

namespace VideoBot.Host.Pipeline.Stages;

/// <summary>
/// The cache stage: answers a link through the cache. The first caller for a link and choice runs the full job (which answers its own user);
/// everyone asking meanwhile waits for it, and then, like everyone asking later, is sent the files Telegram already holds, by
/// file_id, with no extraction and no download. A failed job's reason goes to its waiters too. A file_id Telegram no longer
/// accepts drops the entry, and the link is fetched again.
/// </summary>
internal sealed class CachedAnswers(
    MediaCache cache,
    IMediaSender sender,
    ErrorMessages errors,
    BotStats stats,
    IChatReplies replies,
    IOptions<TelegramOptions> telegram,
    ILogger<CachedAnswers> logger)
{
    // Another user's job was cancelled under us, or a file_id went stale: a couple of fresh tries, then give up.
    private const int MaxRounds = 3;

    /// <summary>Answers the link; says whether this user's own full job ran, the cache answered, or a shared job failed.</summary>
    public async Task<AnswerSource> AnswerAsync(
        LinkRequest request, string key, string choice, Func<CancellationToken, Task<CachedMedia>> fullJob, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            Task<CachedMedia>? own = null;
            CacheAnswer answer;
            try
            {
                answer = await cache.GetOrCreateAsync(key, choice, _ =>
                {
                    // The user's own token: their /cancel stops their job, whoever else waits on it (they retry).
                    own = fullJob(cancellationToken);
                    return own;
                }, cancellationToken);
            }
            catch (Exception) when (own is not null)
            {
                // The full job ran here and tells this user how it ended. HybridCache stops waiting for it as soon as the
                // token fires; the job itself is waited for, so its clean-up is over when this link is.
                await WhenEndedAsync(own);
                return AnswerSource.OwnJob;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && round < MaxRounds)
            {
                continue; // The user whose job this was cancelled it; this one still wants the file.
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var failure = e is SharedJobFailedException shared ? shared.Failure : e;
                stats.Failure();
                await replies.AnswerAsync(request, errors.Describe(failure, request.Language, telegram.Value.UploadLimit), cancellationToken);
                return AnswerSource.SharedFailure;
            }

            if (answer.CreatedHere)
            {
                return AnswerSource.OwnJob;
            }

            if (await TrySendAsync(request, key, choice, answer.Media, cancellationToken))
            {
                return AnswerSource.Cache;
            }
        }
    }

    private static async Task WhenEndedAsync(Task job)
    {
        try
        {
            await job;
        }
        catch (Exception)
        {
            // Its outcome was reported to its user already.
        }
    }

    private async Task<bool> TrySendAsync(LinkRequest request, string key, string choice, CachedMedia cached, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(request, [.. cached.Files.Select(OutgoingFile.Cached)], cached.Caption, cancellationToken);
        }
        catch (StaleFileIdException e)
        {
            PipelineLog.CacheStale(logger, e, key, choice);
            await cache.RemoveAsync(key, choice, cancellationToken);
            return false;
        }

        PipelineLog.CacheHit(logger, key, choice);
        stats.CacheHit();
        stats.Success();
        return true;
    }
}

/// <summary>How <see cref="CachedAnswers.AnswerAsync"/> answered a link.</summary>
internal enum AnswerSource
{
    /// <summary>This user's own full job ran (and told them how it ended).</summary>
    OwnJob,

    /// <summary>Files Telegram already held were sent by file_id.</summary>
    Cache,

    /// <summary>Another user's job for the same link failed, and its reason was sent.</summary>
    SharedFailure,
}
