using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Messages;
using VideoBot.Host.Telegram.Dispatch;
using VideoBot.Host.Pipeline;

namespace VideoBot.Host.Telegram.Groups;

/// <summary>
/// <c>/autodetect on|off</c> in a group: with it on, every link posted there is fetched, not only those that mention or reply to
/// the bot, and failures are shown with a reaction instead of a message. Only the group's administrators may change it (asked
/// of Telegram with getChatMember each time, so a demoted admin loses the right at once). Without an argument it tells the
/// current state.
/// </summary>
internal sealed partial class AutodetectCommand(
    ChatSettingsStore store, MessageCatalog messages, ITelegramBotClient bot, TelegramRetry retry, ILogger<AutodetectCommand> logger)
{
    public async Task HandleAsync(Message message, string? argument, string language, CancellationToken cancellationToken)
    {
        if (!GroupFilter.IsGroup(message.Chat))
        {
            await ReplyAsync(message, messages.Html(language, "autodetect.private"), cancellationToken);
            return;
        }

        var word = argument?.Trim().ToLowerInvariant();
        if (word is not (null or "" or "on" or "off" or "pornit" or "oprit"))
        {
            await ReplyAsync(message, messages.Html(language, "autodetect.usage"), cancellationToken);
            return;
        }

        bool? wanted = word is null or "" ? null : word is "on" or "pornit";
        if (wanted is null)
        {
            var on = await store.AutodetectAsync(message.Chat.Id, cancellationToken);
            await ReplyAsync(message, messages.Html(language, on ? "autodetect.is_on" : "autodetect.is_off"), cancellationToken);
            return;
        }

        if (!await IsAdministratorAsync(message, cancellationToken))
        {
            await ReplyAsync(message, messages.Html(language, "autodetect.admins_only"), cancellationToken);
            return;
        }

        await store.SetAutodetectAsync(message.Chat.Id, wanted.Value, cancellationToken);
        await ReplyAsync(message, messages.Html(language, wanted.Value ? "autodetect.on" : "autodetect.off"), cancellationToken);
    }

    private async Task<bool> IsAdministratorAsync(Message message, CancellationToken cancellationToken)
    {
        try
        {
            var member = await retry.RunAsync(ct => bot.GetChatMember(message.Chat.Id, message.From!.Id, ct), cancellationToken);
            return member.Status is ChatMemberStatus.Creator or ChatMemberStatus.Administrator;
        }
        catch (ApiRequestException e)
        {
            // Not knowing is not being allowed.
            LogMemberUnknown(e);
            return false;
        }
    }

    private Task ReplyAsync(Message to, string html, CancellationToken cancellationToken) =>
        retry.RunAsync(ct => bot.SendMessage(to.Chat.Id, html, ParseMode.Html, Reply.To(to.Id), cancellationToken: ct), cancellationToken);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Warning, Message = "getChatMember failed; /autodetect refused")]
    private partial void LogMemberUnknown(Exception exception);
}
