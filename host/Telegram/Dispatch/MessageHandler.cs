using System.Globalization;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Configuration;
using VideoBot.Host.Messages;
using VideoBot.Host.Telegram.Commands;
using VideoBot.Host.Telegram.Groups;
using VideoBot.Host.Telegram.Inline;
using VideoBot.Host.Pipeline;
using VideoBot.Host.Media;

namespace VideoBot.Host.Telegram.Dispatch;

/// <summary>
/// A message from a user: a command, or links to answer. Links become one background job per message (its links in order), so
/// the worker is free again at once; the job is stored before this returns (see <see cref="JobIntake"/>), so the update can
/// be confirmed to Telegram. In groups the bot speaks only when addressed (see <see cref="GroupFilter"/>); a mention
/// that replies to someone else's message answers the links of that message.
/// </summary>
internal sealed class MessageHandler(
    CommandHandler commands,
    LinkSubmitter submitter,
    BotIdentity identity,
    MessageCatalog messages,
    ITelegramBotClient bot,
    TelegramRetry retry,
    IOptions<TelegramOptions> options,
    ChatSettingsStore chatSettings,
    DeepLinks deepLinks)
{
    public async Task HandleAsync(Message message, int updateId, CancellationToken cancellationToken)
    {
        if (message.From is not { IsBot: false } user)
        {
            return;
        }

        var language = MessageCatalog.LanguageOf(user.LanguageCode);
        var isGroup = GroupFilter.IsGroup(message.Chat);
        // "/start v_…" comes from inline mode's button: the link to fetch is behind the token.
        IReadOnlyList<string>? deepLinked = null;
        if (message.Text is ['/', ..])
        {
            var command = CommandParser.Parse(message, identity.Username);
            var parameter = command == "start" && !isGroup ? StartParameter(message.Text) : null;
            if (DeepLinks.IsToken(parameter))
            {
                if (await deepLinks.ResolveAsync(parameter, cancellationToken) is not { } link)
                {
                    await SendAsync(message, messages.Html(language, "inline.expired"), cancellationToken);
                    return;
                }

                deepLinked = [link];
                await SendAsync(message, messages.Html(language, "inline.fetching", ("bot", "@" + identity.Username)), cancellationToken);
            }
            else
            {
                if (command is not null)
                {
                    await commands.HandleAsync(command, message, language, cancellationToken);
                }

                return;
            }
        }

        // Not addressed in a group: taken only when the group's /autodetect is on, and then failures are a reaction.
        var isQuiet = false;
        if (isGroup && !GroupFilter.IsAddressed(message, options.Value.GroupMode, identity))
        {
            if (LinkFinder.Find(message, 1).Count == 0 || !await chatSettings.AutodetectAsync(message.Chat.Id, cancellationToken))
            {
                return;
            }

            isQuiet = true;
        }

        var max = options.Value.MaxLinksPerMessage;
        var links = deepLinked ?? LinkFinder.Find(message, max + 1);
        if (links.Count == 0 && isGroup && message.ReplyToMessage is { } replied && replied.From?.Id != identity.Id)
        {
            links = LinkFinder.Find(replied, max + 1);
        }

        if (links.Count > max)
        {
            links = [.. links.Take(max)];
            if (!isQuiet)
            {
                await SendAsync(message, messages.Html(language, "limit.too_many_links", ("max", max)), cancellationToken);
            }
        }

        if (links.Count == 0)
        {
            if (!isGroup)
            {
                await SendAsync(message, messages.Html(language, "hint.send_link"), cancellationToken);
            }

            return;
        }

        var clip = Media.ClipText.Find(message.Text ?? message.Caption, links);
        await submitter.SubmitAsync(message, updateId.ToString(CultureInfo.InvariantCulture), language, links, clip, isQuiet, cancellationToken);
    }

    private static string? StartParameter(string text) =>
        text.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? text[(space + 1)..].Trim() : null;

    private Task SendAsync(Message to, string html, CancellationToken cancellationToken) =>
        retry.RunAsync(ct => bot.SendMessage(to.Chat.Id, html, ParseMode.Html, Reply.To(to.Id), cancellationToken: ct), cancellationToken);
}
