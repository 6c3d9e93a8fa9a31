using Microsoft.Extensions.Logging;
using Telegram.Bot.Exceptions;
using VideoBot.Host.Caching;

namespace VideoBot.Host.Telegram.Pipeline;

/// <summary>
/// Answers a link from the file_id cache: the files Telegram already holds are sent again by id, with no extraction and no
/// download. An id Telegram no longer accepts drops the entry, and the caller does the full job.
/// </summary>
internal sealed class CachedAnswers(FileIdCache cache, Uploader uploader, BotStats stats, ILogger<CachedAnswers> logger)
{
    public async Task<bool> TryAnswerAsync(LinkRequest request, string key, string choice, CancellationToken cancellationToken)
    {
        if (await cache.FindAsync(key, choice, cancellationToken) is not { Files.Count: > 0 } cached)
        {
            return false;
        }

        try
        {
            await uploader.SendAsync(request.Chat, request.ReplyTo, [.. cached.Files.Select(OutgoingFile.Cached)], cached.Caption, cancellationToken);
        }
        catch (ApiRequestException e) when (TelegramErrors.IsBadFileId(e))
        {
            TelegramLog.CacheStale(logger, e, key, choice);
            await cache.RemoveAsync(key, choice, cancellationToken);
            return false;
        }

        TelegramLog.CacheHit(logger, key, choice);
        stats.CacheHit();
        stats.Success();
        return true;
    }
}
