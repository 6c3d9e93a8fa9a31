using System.Text.Json.Nodes;
using VideoBot.FakeTelegram.Formatting;
using VideoBot.FakeTelegram.State;

namespace VideoBot.FakeTelegram.Api;

/// <summary>Renders the fake's state as the Bot API's JSON objects (User, Chat, Message, MessageEntity, files).</summary>
internal sealed class ApiJson(BotState state)
{
    public static JsonObject User(FakeUser user)
    {
        var json = new JsonObject { ["id"] = user.Id, ["is_bot"] = user.IsBot, ["first_name"] = user.FirstName };
        AddIf(json, "last_name", user.LastName);
        AddIf(json, "username", user.Username);
        AddIf(json, "language_code", user.LanguageCode);
        return json;
    }

    public static JsonObject Chat(FakeChat chat)
    {
        var json = new JsonObject { ["id"] = chat.Id };
        if (chat.User is { } user)
        {
            json["first_name"] = user.FirstName;
            AddIf(json, "last_name", user.LastName);
            AddIf(json, "username", user.Username);
        }
        else
        {
            json["title"] = chat.Title;
        }

        json["type"] = chat.Type;
        return json;
    }

    public static JsonArray Entities(IEnumerable<TextEntity> entities) => [.. entities.Select(Entity)];

    public static JsonObject Entity(TextEntity entity)
    {
        var json = new JsonObject { ["offset"] = entity.Offset, ["length"] = entity.Length, ["type"] = entity.Type };
        AddIf(json, "url", entity.Url);
        AddIf(json, "language", entity.Language);
        AddIf(json, "custom_emoji_id", entity.CustomEmojiId);
        if (entity.UserId is { } userId)
        {
            json["user"] = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "User" };
        }

        return json;
    }

    public JsonObject Message(FakeMessage message, bool withReply = true)
    {
        var chat = state.Chat(message.ChatId) ?? new FakeChat(message.ChatId, "private");
        var from = state.User(message.FromUserId) ?? new FakeUser(message.FromUserId, "User");
        var json = new JsonObject
        {
            ["message_id"] = message.MessageId,
            ["from"] = User(from),
            ["chat"] = Chat(chat),
            ["date"] = message.Date,
        };
        if (message.EditDate is { } editDate)
        {
            json["edit_date"] = editDate;
        }

        if (message.ForwardOrigin is { } origin)
        {
            json["forward_origin"] = JsonNode.Parse(origin);
        }

        if (withReply && message.ReplyToMessageId is { } replyId && state.Message(message.ChatId, replyId) is { } replied)
        {
            json["reply_to_message"] = Message(replied, withReply: false);
        }

        AddIf(json, "media_group_id", message.MediaGroupId);
        if (message.Kind == "text")
        {
            json["text"] = message.Text;
            AddEntities(json, "entities", message.Entities);
            if (message.LinkPreviewOptions is { } preview)
            {
                json["link_preview_options"] = JsonNode.Parse(preview);
            }
        }
        else
        {
            AddMedia(json, message);
            if (!string.IsNullOrEmpty(message.Caption))
            {
                json["caption"] = message.Caption;
                AddEntities(json, "caption_entities", message.Entities);
            }

            if (message.HasSpoiler)
            {
                json["has_media_spoiler"] = true;
            }
        }

        // Only inline keyboards are part of a message; reply keyboards live on the user's device.
        if (message.ReplyMarkup is { } markup && JsonNode.Parse(markup) is JsonObject markupJson && markupJson.ContainsKey("inline_keyboard"))
        {
            json["reply_markup"] = markupJson;
        }

        return json;
    }

    public JsonObject File(StoredFile file)
    {
        var json = new JsonObject { ["file_id"] = file.FileId, ["file_unique_id"] = file.FileUniqueId };
        if (file.FileSize is { } size)
        {
            json["file_size"] = size;
        }

        json["file_path"] = file.FilePath;
        return json;
    }

    private void AddMedia(JsonObject json, FakeMessage message)
    {
        var file = message.FileId is { } fileId ? state.File(fileId) : null;
        if (file is null)
        {
            return;
        }

        var media = FileBase(file);
        switch (message.Kind)
        {
            case "photo":
                media["width"] = message.Width ?? file.Width ?? 0;
                media["height"] = message.Height ?? file.Height ?? 0;
                json["photo"] = new JsonArray(media);
                return;
            case "video" or "animation":
                media["width"] = message.Width ?? file.Width ?? 0;
                media["height"] = message.Height ?? file.Height ?? 0;
                media["duration"] = message.Duration ?? file.Duration ?? 0;
                break;
            case "audio":
                media["duration"] = message.Duration ?? file.Duration ?? 0;
                break;
        }

        AddIf(media, "file_name", file.FileName);
        AddIf(media, "mime_type", file.MimeType);
        if (message.ThumbnailFileId is { } thumbId && state.File(thumbId) is { } thumb)
        {
            var thumbnail = FileBase(thumb);
            thumbnail["width"] = thumb.Width ?? 0;
            thumbnail["height"] = thumb.Height ?? 0;
            media["thumbnail"] = thumbnail;
        }

        json[message.Kind] = media;

        // Telegram still sends animations as documents too, for old clients.
        if (message.Kind == "animation")
        {
            json["document"] = media.DeepClone();
        }
    }

    private static JsonObject FileBase(StoredFile file)
    {
        var json = new JsonObject { ["file_id"] = file.FileId, ["file_unique_id"] = file.FileUniqueId };
        if (file.FileSize is { } size)
        {
            json["file_size"] = size;
        }

        return json;
    }

    private static void AddEntities(JsonObject json, string name, IReadOnlyList<TextEntity> entities)
    {
        if (entities.Count > 0)
        {
            json[name] = Entities(entities);
        }
    }

    private static void AddIf(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }
}
