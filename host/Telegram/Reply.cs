using Telegram.Bot.Types;

namespace VideoBot.Host.Telegram;

/// <summary>Reply parameters that still deliver when the user deleted their message meanwhile.</summary>
internal static class Reply
{
    public static ReplyParameters To(int messageId) => new() { MessageId = messageId, AllowSendingWithoutReply = true };
}
