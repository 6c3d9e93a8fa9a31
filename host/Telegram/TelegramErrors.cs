using Telegram.Bot.Exceptions;

namespace VideoBot.Host.Telegram;

/// <summary>Recognizes Bot API error answers by their description, the only thing that tells them apart.</summary>
internal static class TelegramErrors
{
    /// <summary>A stored file_id Telegram no longer accepts ("wrong file identifier", "wrong remote file identifier").</summary>
    public static bool IsBadFileId(ApiRequestException e) =>
        e.ErrorCode == 400
        && (e.Message.Contains("file identifier", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("FILE_REFERENCE", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("file_id", StringComparison.OrdinalIgnoreCase));

    /// <summary>An edit to the text the message already has.</summary>
    public static bool IsNotModified(ApiRequestException e) =>
        e.ErrorCode == 400 && e.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase);
}
