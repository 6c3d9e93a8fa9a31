using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using VideoBot.Host.Configuration;
using VideoBot.Host.Pipeline;
using VideoBot.Host.Pipeline.Output;

namespace VideoBot.Host.Telegram.Output;

/// <summary>
/// Sends a job's status message, as a reply to the user's message, with the job's Cancel button (<see cref="CancelButton"/>),
/// and wraps it for throttled edits.
/// </summary>
internal sealed class StatusMessages(
    ITelegramBotClient bot, TelegramRetry retry, CancelButton cancelButton, IOptions<TelegramOptions> options, TimeProvider time, ILogger<StatusMessage> logger)
    : IStatusOutput
{
    public async Task<IStatusMessage> SendAsync(LinkRequest request, string html, CancellationToken cancellationToken) =>
        await SendAsync(request.Chat, request.ReplyTo, html, cancellationToken, cancelButton.For(request));

    /// <param name="buttons">Buttons kept under the progress texts (a Cancel button), removed by the last word.</param>
    public async Task<StatusMessage> SendAsync(ChatId chat, int replyTo, string html, CancellationToken cancellationToken, InlineKeyboardMarkup? buttons = null)
    {
        var message = await retry.RunAsync(
            ct => bot.SendMessage(chat, html, ParseMode.Html, Reply.To(replyTo), replyMarkup: buttons, cancellationToken: ct), cancellationToken);
        return new StatusMessage(bot, message, TimeSpan.FromMilliseconds(options.Value.StatusEditIntervalMs), time, logger, buttons);
    }
}
