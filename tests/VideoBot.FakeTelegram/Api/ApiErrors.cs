namespace VideoBot.FakeTelegram.Api;

/// <summary>
/// The error answers of the real Bot API, word for word (tdlib/telegram-bot-api and tdlib's MessageEntity.cpp):
/// clients and bots match on these texts, so they must not drift.
/// </summary>
internal static class ApiErrors
{
    public static BotApiException Unauthorized() => new(401, "Unauthorized");

    public static BotApiException NotFound() => new(404, "Not Found");

    public static BotApiException BadRequest(string detail) => new(400, "Bad Request: " + detail);

    public static BotApiException ChatNotFound() => BadRequest("chat not found");

    public static BotApiException ChatIdEmpty() => BadRequest("chat_id is empty");

    public static BotApiException MessageTextEmpty() => BadRequest("message text is empty");

    public static BotApiException MessageTooLong() => BadRequest("message is too long");

    public static BotApiException CaptionTooLong() => BadRequest("message caption is too long");

    public static BotApiException CantParseEntities(string detail) => BadRequest("can't parse entities: " + detail);

    /// <summary>The fake's own answer, not Telegram's: the real API accepts Markdown and MarkdownV2, this fake parses HTML only.</summary>
    public static BotApiException ParseModeNotImplemented(string parseMode) => BadRequest(
        $"parse_mode {parseMode} is valid on the real Bot API, but this fake only implements HTML (the bot sends HTML)");

    public static BotApiException NotModified() => BadRequest(
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");

    public static BotApiException MessageToEditNotFound() => BadRequest("message to edit not found");

    public static BotApiException MessageToDeleteNotFound() => BadRequest("message to delete not found");

    public static BotApiException NoTextToEdit() => BadRequest("there is no text in the message to edit");

    public static BotApiException ReplyNotFound() => BadRequest("message to be replied not found");

    public static BotApiException WrongFileId() => BadRequest("wrong file identifier/HTTP URL specified");

    public static BotApiException FileTypeMismatch() => BadRequest("type of file mismatch");

    public static BotApiException FileTooBig() => BadRequest("file is too big");

    public static BotApiException RequestEntityTooLarge() => new(413, "Request Entity Too Large");

    public static BotApiException TooManyRequests(int retryAfter) =>
        new(429, $"Too Many Requests: retry after {retryAfter}", retryAfter);

    public static BotApiException WebhookActive() => new(409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");

    public static BotApiException TerminatedByOtherGetUpdates() => new(409,
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");

    public static BotApiException ParameterRequired(string name) => BadRequest($"parameter \"{name}\" is required");

    public static BotApiException NoMessagesToSend() => BadRequest("there are no messages to send");

    public static BotApiException TooManyAlbumMessages() => BadRequest("too many messages to send as an album");

    public static BotApiException SecretTokenUnallowed() => BadRequest("secret token contains unallowed characters");

    public static BotApiException QueryIdInvalid() =>
        BadRequest("query is too old and response timeout expired or query ID is invalid");
}
