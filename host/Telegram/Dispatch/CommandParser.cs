using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace VideoBot.Host.Telegram.Dispatch;

/// <summary>Reads a leading bot command (<c>/help</c>, <c>/help@ThisBot</c>) from a message.</summary>
internal static class CommandParser
{
    /// <summary>
    /// The command's name, lower-case without the slash; null when the message does not start with a command or addresses another
    /// bot (<c>/help@OtherBot</c>).
    /// </summary>
    public static string? Parse(Message message, string? botUsername)
    {
        var text = message.Text;
        if (string.IsNullOrEmpty(text) || text[0] != '/')
        {
            return null;
        }

        var length = message.Entities is [{ Type: MessageEntityType.BotCommand, Offset: 0 } entity, ..]
            ? Math.Min(entity.Length, text.Length)
            : text.IndexOfAny([' ', '\n']) is var space and >= 0 ? space : text.Length;
        var command = text[1..length];
        var at = command.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var target = command[(at + 1)..];
            if (botUsername is null || !target.Equals(botUsername, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            command = command[..at];
        }

        return command.Length == 0 ? null : command.ToLowerInvariant();
    }
}
