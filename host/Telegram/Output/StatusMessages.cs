using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;
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
    public async Task<IStatusMessage> SendAsync(LinkRequest request, string html, CancellationToken cancellationToken)
    {
        // Kept under the progress texts, removed by the last word.
        var buttons = cancelButton.For(request);
        var message = await retry.RunAsync(
            ct => bot.SendMessage(request.Chat, html, ParseMode.Html, Reply.To(request.ReplyTo), replyMarkup: buttons, cancellationToken: ct),
            cancellationToken);
        return new StatusMessage(bot, message, TimeSpan.FromMilliseconds(options.Value.StatusEditIntervalMs), time, logger, buttons);
    }
}
