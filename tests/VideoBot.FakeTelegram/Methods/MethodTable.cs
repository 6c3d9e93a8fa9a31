namespace VideoBot.FakeTelegram.Methods;

/// <summary>The Bot API methods the fake implements, under their documented names (matched case-insensitively).</summary>
internal static class MethodTable
{
    public static IReadOnlyDictionary<string, Func<ApiCall, Task<ApiResult>>> Build(FakeContext context, BotMethods bot)
    {
        var updates = new UpdateMethods(context);
        var messages = new MessageMethods(context);
        var media = new MediaMethods(context);
        var chats = new ChatMethods(context);
        return new Dictionary<string, Func<ApiCall, Task<ApiResult>>>(StringComparer.OrdinalIgnoreCase)
        {
            ["getMe"] = bot.GetMeAsync,
            ["setMyCommands"] = bot.SetMyCommandsAsync,
            ["getMyCommands"] = bot.GetMyCommandsAsync,
            ["deleteMyCommands"] = bot.DeleteMyCommandsAsync,
            ["answerCallbackQuery"] = bot.AnswerCallbackQueryAsync,
            ["getUpdates"] = updates.GetUpdatesAsync,
            ["setWebhook"] = updates.SetWebhookAsync,
            ["deleteWebhook"] = updates.DeleteWebhookAsync,
            ["getWebhookInfo"] = updates.GetWebhookInfoAsync,
            ["sendMessage"] = messages.SendMessageAsync,
            ["editMessageText"] = messages.EditMessageTextAsync,
            ["deleteMessage"] = messages.DeleteMessageAsync,
            ["sendChatAction"] = messages.SendChatActionAsync,
            ["sendVideo"] = media.SendVideoAsync,
            ["sendPhoto"] = media.SendPhotoAsync,
            ["sendDocument"] = media.SendDocumentAsync,
            ["sendAudio"] = media.SendAudioAsync,
            ["sendAnimation"] = media.SendAnimationAsync,
            ["sendMediaGroup"] = media.SendMediaGroupAsync,
            ["getFile"] = media.GetFileAsync,
            ["answerInlineQuery"] = context.Inline.AnswerInlineQueryAsync,
            ["getChatMember"] = chats.GetChatMemberAsync,
            ["setMessageReaction"] = chats.SetMessageReactionAsync,
        };
    }
}
