using System.Text.Json.Nodes;
using VideoBot.FakeTelegram.Api;
using VideoBot.FakeTelegram.Formatting;
using VideoBot.FakeTelegram.State;

namespace VideoBot.FakeTelegram.Methods;

/// <summary>sendMessage, editMessageText, deleteMessage and sendChatAction.</summary>
internal sealed class MessageMethods(FakeContext context)
{
    private static readonly HashSet<string> ChatActions =
    [
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document",
        "choose_sticker", "find_location", "record_video_note", "upload_video_note",
    ];

    public Task<ApiResult> SendMessageAsync(ApiCall call)
    {
        var p = call.Parameters;
        var chat = context.ChatOf(p);
        var parseMode = p.String("parse_mode");
        var text = TextRules.MessageText(p.String("text"), parseMode, FakeContext.EntitiesOf(p, "entities"));
        var replyTo = context.ReplyTo(p, chat);
        var preview = p.Json("link_preview_options")?.ToJsonString()
            ?? (p.Bool("disable_web_page_preview") ? """{"is_disabled":true}""" : null);
        var message = context.State.AddMessage(chat.Id, id => new FakeMessage
        {
            ChatId = chat.Id,
            MessageId = id,
            Date = context.State.Now,
            Kind = "text",
            FromUserId = context.State.Bot.Id,
            FromBot = true,
            Text = text.Text,
            Entities = text.Entities,
            SourceText = p.String("text"),
            ParseMode = parseMode,
            ReplyToMessageId = replyTo,
            ReplyMarkup = FakeContext.MarkupOf(p),
            LinkPreviewOptions = preview,
        });
        return Task.FromResult(new ApiResult(context.Json.Message(message)));
    }

    public Task<ApiResult> EditMessageTextAsync(ApiCall call)
    {
        var p = call.Parameters;
        if (p.Has("inline_message_id"))
        {
            throw ApiErrors.BadRequest("MESSAGE_ID_INVALID");
        }

        var chat = context.ChatOf(p);
        var current = p.Long("message_id") is { } id ? context.State.Message(chat.Id, id) : null;
        if (current is null)
        {
            throw ApiErrors.MessageToEditNotFound();
        }

        if (!current.FromBot)
        {
            throw ApiErrors.BadRequest("message can't be edited");
        }

        if (current.Kind != "text")
        {
            throw ApiErrors.NoTextToEdit();
        }

        var parseMode = p.String("parse_mode");
        var text = TextRules.MessageText(p.String("text"), parseMode, FakeContext.EntitiesOf(p, "entities"));

        // Leaving reply_markup out removes the inline keyboard, so "unchanged" compares against no markup.
        var markup = FakeContext.MarkupOf(p);
        if (text.Text == current.Text && text.Entities.SequenceEqual(current.Entities) && SameMarkup(markup, current.ReplyMarkup))
        {
            throw ApiErrors.NotModified();
        }

        var edited = current with
        {
            Text = text.Text,
            Entities = text.Entities,
            SourceText = p.String("text"),
            ParseMode = parseMode,
            ReplyMarkup = markup,
            EditDate = context.State.Now,
        };
        context.State.Replace(edited);
        return Task.FromResult(new ApiResult(context.Json.Message(edited)));
    }

    public Task<ApiResult> DeleteMessageAsync(ApiCall call)
    {
        var p = call.Parameters;
        var chat = context.ChatOf(p);
        var id = p.Long("message_id") ?? throw ApiErrors.ParameterRequired("message_id");
        return context.State.Delete(chat.Id, id)
            ? Task.FromResult(ApiResult.True())
            : throw ApiErrors.MessageToDeleteNotFound();
    }

    public Task<ApiResult> SendChatActionAsync(ApiCall call)
    {
        var p = call.Parameters;
        var chat = context.ChatOf(p);
        var action = p.String("action");
        if (action is null || !ChatActions.Contains(action))
        {
            throw ApiErrors.BadRequest("wrong parameter action in request");
        }

        context.State.AddChatAction(chat.Id, action);
        return Task.FromResult(ApiResult.True());
    }

    private static bool SameMarkup(string? a, string? b)
    {
        static JsonNode? Normalize(string? markup) =>
            markup is null ? null : JsonNode.Parse(markup) is JsonObject o && o.ContainsKey("inline_keyboard") ? o : null;

        return JsonNode.DeepEquals(Normalize(a), Normalize(b));
    }
}
