using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace VideoBot.Host.Telegram.Groups;

/// <summary>
/// How a link picked up by <c>/autodetect</c> tells it failed: a 👎 reaction on the message that held it, not a message, so a
/// group where people post many links is not flooded with "I can't fetch that". A reaction that fails (reactions switched off
/// in the group) is logged and dropped.
/// </summary>
internal sealed partial class QuietFailures(ITelegramBotClient bot, TelegramRetry retry, ILogger<QuietFailures> logger)
{
    public const string Reaction = "👎";

    public async Task ReactAsync(ChatId chat, int messageId, CancellationToken cancellationToken)
    {
        try
        {
            await retry.RunAsync(
                ct => bot.SetMessageReaction(chat, messageId, [new ReactionTypeEmoji { Emoji = Reaction }], cancellationToken: ct), cancellationToken);
        }
        catch (Exception e) when (e is RequestException or HttpRequestException)
        {
            LogReactionFailed(e);
        }
    }

    [LoggerMessage(EventId = 7112, Level = LogLevel.Warning, Message = "A failed link's reaction could not be set")]
    private partial void LogReactionFailed(Exception exception);
}
