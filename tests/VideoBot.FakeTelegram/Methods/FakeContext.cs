using System.Text.Json.Nodes;
using VideoBot.FakeTelegram.Api;
using VideoBot.FakeTelegram.Formatting;
using VideoBot.FakeTelegram.State;
using VideoBot.FakeTelegram.Updates;

namespace VideoBot.FakeTelegram.Methods;

/// <summary>What the method handlers share, and the parameter rules they have in common.</summary>
internal sealed class FakeContext(FakeBotApiOptions options, BotState state, UpdateQueue updates, WebhookSender webhook)
{
    public FakeBotApiOptions Options { get; } = options;

    public BotState State { get; } = state;

    public UpdateQueue Updates { get; } = updates;

    public WebhookSender Webhook { get; } = webhook;

    public ApiJson Json { get; } = new(state);

    /// <summary>Chat members' statuses and the bot's reactions.</summary>
    public ChatExtras Extras { get; } = new();

    /// <summary>answerInlineQuery and the inline queries waiting for it.</summary>
    public InlineMethods Inline => field ??= new InlineMethods(this);

    /// <summary>The chat named by chat_id (a number, or @username of a public chat); 400 when unknown.</summary>
    public FakeChat ChatOf(ApiParameters parameters, string name = "chat_id")
    {
        var raw = parameters.String(name);
        if (string.IsNullOrWhiteSpace(raw))
        {
            throw name == "chat_id" ? ApiErrors.ChatIdEmpty() : ApiErrors.ParameterRequired(name);
        }

        if (!long.TryParse(raw, out var id))
        {
            // The fake has no public usernames for chats: Telegram answers the same for an unknown one.
            throw ApiErrors.ChatNotFound();
        }

        return State.Chat(id) ?? throw ApiErrors.ChatNotFound();
    }

    /// <summary>The id of the message to reply to (reply_parameters or the older reply_to_message_id), checked.</summary>
    public long? ReplyTo(ApiParameters parameters, FakeChat chat)
    {
        long? messageId;
        var allowWithout = parameters.Bool("allow_sending_without_reply");
        if (parameters.Json("reply_parameters") is JsonObject reply)
        {
            messageId = reply["message_id"]?.GetValue<long>();
            allowWithout |= reply["allow_sending_without_reply"]?.GetValue<bool>() ?? false;
            if (reply["chat_id"] is { } otherChat && otherChat.ToString() != chat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw ApiErrors.BadRequest("replies to other chats are not supported by the fake");
            }
        }
        else
        {
            messageId = parameters.Long("reply_to_message_id");
        }

        if (messageId is null)
        {
            return null;
        }

        if (State.Message(chat.Id, messageId.Value) is not null)
        {
            return messageId;
        }

        return allowWithout ? null : throw ApiErrors.ReplyNotFound();
    }

    /// <summary>An entities / caption_entities parameter as entities.</summary>
    public static IReadOnlyList<TextEntity>? EntitiesOf(ApiParameters parameters, string name)
    {
        if (parameters.Json(name) is not JsonArray array)
        {
            return null;
        }

        return [.. array.OfType<JsonObject>().Select(EntityOf)];
    }

    public static TextEntity EntityOf(JsonObject json) => new(
        json["type"]?.GetValue<string>() ?? throw ApiErrors.BadRequest("can't parse MessageEntity: Field \"type\" must be of type String"),
        json["offset"]?.GetValue<int>() ?? 0,
        json["length"]?.GetValue<int>() ?? 0,
        json["url"]?.GetValue<string>(),
        json["language"]?.GetValue<string>(),
        json["user"]?["id"]?.GetValue<long>(),
        json["custom_emoji_id"]?.GetValue<string>());

    /// <summary>The reply_markup JSON text as given, validated as JSON.</summary>
    public static string? MarkupOf(ApiParameters parameters)
    {
        var markup = parameters.Json("reply_markup");
        if (markup is JsonObject inline)
        {
            CheckMarkup(inline);
        }

        return markup?.ToJsonString();
    }

    /// <summary>An inline keyboard's buttons as Telegram checks them: callback_data of 1-64 bytes, a text on every button.</summary>
    public static void CheckMarkup(JsonObject markup)
    {
        if (markup["inline_keyboard"] is not JsonArray rows)
        {
            return;
        }

        foreach (var button in rows.OfType<JsonArray>().SelectMany(row => row.OfType<JsonObject>()))
        {
            if (string.IsNullOrEmpty(button["text"]?.GetValue<string>()))
            {
                throw ApiErrors.BadRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
            }

            if (button["callback_data"] is { } data && System.Text.Encoding.UTF8.GetByteCount(data.GetValue<string>()) is 0 or > 64)
            {
                throw ApiErrors.BadRequest("BUTTON_DATA_INVALID");
            }
        }
    }
}
