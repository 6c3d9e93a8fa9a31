using System.Globalization;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Messages;
using VideoBot.Host.Telegram.Dispatch;
using VideoBot.Host.Pipeline;
using VideoBot.Host.Media;

namespace VideoBot.Host.Telegram.Commands;

/// <summary>
/// <c>/clip LINK START-END [precise]</c>: sends only that part of the media. Without a link or a range it explains itself; a bad
/// range gets its own message (see <see cref="LinkSubmitter.RefuseClip"/>).
/// </summary>
internal sealed class ClipCommand(LinkSubmitter submitter, MessageCatalog messages, ITelegramBotClient bot, TelegramRetry retry)
{
    public async Task HandleAsync(Message message, string language, CancellationToken cancellationToken)
    {
        var links = LinkFinder.Find(message, 2);
        var clip = ClipText.Find(message.Text, links);
        if (links.Count == 0 || !clip.Given)
        {
            await retry.RunAsync(ct => bot.SendMessage(message.Chat.Id, messages.Html(language, "clip.usage"), ParseMode.Html,
                Reply.To(message.Id), cancellationToken: ct), cancellationToken);
            return;
        }

        // Not an update id: a message id is as stable across a redelivery, and the prefix keeps the two apart.
        var id = string.Create(CultureInfo.InvariantCulture, $"clip-{message.Chat.Id}-{message.Id}");
        await submitter.SubmitAsync(message, id, language, links, clip, quiet: false, cancellationToken);
    }
}
