using Telegram.Bot;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Pipeline.Output;
using VideoBot.Host.Telegram.Groups;

namespace VideoBot.Host.Telegram.Output;

/// <summary>The pipeline's text answers as Telegram messages (HTML, retried after a 429) and 👎 reactions (<see cref="QuietFailures"/>).</summary>
internal sealed class TelegramReplies(BotIdentity identity, ITelegramBotClient bot, TelegramRetry retry, QuietFailures quiet) : IChatReplies
{
    public Task WhenReadyAsync(CancellationToken cancellationToken) => identity.WhenReadyAsync(cancellationToken);

    public Task ReplyAsync(long chat, int replyTo, string html, CancellationToken cancellationToken) =>
        retry.RunAsync(ct => bot.SendMessage(chat, html, ParseMode.Html, Reply.To(replyTo), cancellationToken: ct), cancellationToken);

    public Task ReactFailedAsync(long chat, int replyTo, CancellationToken cancellationToken) => quiet.ReactAsync(chat, replyTo, cancellationToken);
}
