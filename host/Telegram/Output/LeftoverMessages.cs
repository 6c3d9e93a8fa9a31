using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using VideoBot.Host.Jobs;

namespace VideoBot.Host.Telegram.Output;

/// <summary>Deletes a status message a dead run left, through the Bot API.</summary>
internal sealed partial class LeftoverMessages(ITelegramBotClient bot, ILogger<LeftoverMessages> logger) : ILeftoverMessages
{
    public async Task<bool> DeleteAsync(long chatId, int messageId, CancellationToken cancellationToken)
    {
        try
        {
            await bot.DeleteMessage(chatId, messageId, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is RequestException or HttpRequestException)
        {
            // Gone already (the user deleted it, or it is older than Telegram lets bots delete): nothing left to tidy.
            LogNotDeleted(e, chatId, messageId);
            return false;
        }
    }

    [LoggerMessage(EventId = 7102, Level = LogLevel.Debug, Message = "Status message {MessageId} in chat {ChatId} left by an earlier run could not be removed")]
    private partial void LogNotDeleted(Exception exception, long chatId, int messageId);
}
