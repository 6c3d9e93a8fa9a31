using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Telegram.Dispatch;

/// <summary>Decides whether a group message is for the bot: always (GroupMode=always), or when it mentions or replies to the bot.</summary>
internal static class GroupFilter
{
    public static bool IsGroup(Chat chat) => chat.Type is ChatType.Group or ChatType.Supergroup;

    public static bool IsAddressed(Message message, GroupMode mode, BotIdentity identity)
    {
        if (mode == GroupMode.Always)
        {
            return true;
        }

        if (identity.Id is { } botId && message.ReplyToMessage?.From?.Id == botId)
        {
            return true;
        }

        return Mentions(message.Text, message.Entities, identity) || Mentions(message.Caption, message.CaptionEntities, identity);
    }

    private static bool Mentions(string? text, MessageEntity[]? entities, BotIdentity identity)
    {
        if (text is null || entities is null)
        {
            return false;
        }

        foreach (var entity in entities)
        {
            if (entity.Type == MessageEntityType.TextMention && entity.User?.Id == identity.Id)
            {
                return true;
            }

            if (entity.Type == MessageEntityType.Mention && identity.Username is { } name
                && entity.Offset + entity.Length <= text.Length
                && text.Substring(entity.Offset, entity.Length).Equals("@" + name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
