using System.Globalization;
using System.Text.Json.Nodes;
using VideoBot.FakeTelegram.Api;
using VideoBot.FakeTelegram.Formatting;
using VideoBot.FakeTelegram.State;

namespace VideoBot.FakeTelegram.Methods;

/// <summary>sendVideo, sendPhoto, sendDocument, sendAudio, sendAnimation, sendMediaGroup and getFile.</summary>
internal sealed class MediaMethods(FakeContext context)
{
    private long _mediaGroupCounter = 13_000_000_000_000_000;

    public Task<ApiResult> SendVideoAsync(ApiCall call) => SendAsync(call, "video");

    public Task<ApiResult> SendPhotoAsync(ApiCall call) => SendAsync(call, "photo");

    public Task<ApiResult> SendDocumentAsync(ApiCall call) => SendAsync(call, "document");

    public Task<ApiResult> SendAudioAsync(ApiCall call) => SendAsync(call, "audio");

    public Task<ApiResult> SendAnimationAsync(ApiCall call) => SendAsync(call, "animation");

    public Task<ApiResult> SendMediaGroupAsync(ApiCall call)
    {
        var p = call.Parameters;
        var chat = context.ChatOf(p);
        if (!p.Has("media"))
        {
            throw ApiErrors.ParameterRequired("media");
        }

        if (p.Json("media") is not JsonArray media)
        {
            throw ApiErrors.BadRequest("can't parse media JSON object");
        }

        var items = media.OfType<JsonObject>().ToList();
        if (items.Count == 0)
        {
            throw ApiErrors.NoMessagesToSend();
        }

        if (items.Count > 10)
        {
            throw ApiErrors.TooManyAlbumMessages();
        }

        var kinds = items.Select(i => i["type"]?.GetValue<string>() ?? "").ToList();
        foreach (var kind in kinds)
        {
            if (kind is not ("photo" or "video" or "document" or "audio"))
            {
                throw ApiErrors.BadRequest($"can't parse InputMedia: type \"{kind}\" can't be used in sendMediaGroup");
            }
        }

        foreach (var alone in new[] { "document", "audio" })
        {
            if (kinds.Contains(alone) && kinds.Any(k => k != alone))
            {
                throw ApiErrors.BadRequest($"{alone} can't be mixed with other media types");
            }
        }

        var replyTo = context.ReplyTo(p, chat);
        var groupId = Interlocked.Increment(ref _mediaGroupCounter).ToString(CultureInfo.InvariantCulture);
        var markup = FakeContext.MarkupOf(p);
        var builders = items.Select(item =>
        {
            var kind = item["type"]!.GetValue<string>();
            var fields = new MediaFields(
                item["media"]?.GetValue<string>() ?? throw ApiErrors.ParameterRequired("media"),
                item["caption"]?.GetValue<string>(),
                item["parse_mode"]?.GetValue<string>(),
                item["caption_entities"] is JsonArray entities ? [.. entities.OfType<JsonObject>().Select(FakeContext.EntityOf)] : null,
                item["has_spoiler"]?.GetValue<bool>() ?? false,
                item["supports_streaming"]?.GetValue<bool>(),
                item["duration"]?.GetValue<int>(),
                item["width"]?.GetValue<int>(),
                item["height"]?.GetValue<int>(),
                item["thumbnail"]?.GetValue<string>());
            var file = InputFiles.Resolve(context, p, fields.Media, null, kind, fields.Width, fields.Height, fields.Duration);
            return Build(chat, kind, file, fields, p, replyTo, markup, groupId);
        }).ToList();

        var messages = context.State.AddMessages(chat.Id, builders);
        return Task.FromResult(new ApiResult(new JsonArray([.. messages.Select(m => context.Json.Message(m))])));
    }

    public Task<ApiResult> GetFileAsync(ApiCall call)
    {
        var fileId = call.Parameters.String("file_id");
        if (string.IsNullOrEmpty(fileId))
        {
            throw ApiErrors.ParameterRequired("file_id");
        }

        var file = context.State.File(fileId) ?? throw ApiErrors.WrongFileId();
        if (file.FileSize > context.Options.MaxDownloadBytes)
        {
            throw ApiErrors.FileTooBig();
        }

        return Task.FromResult(new ApiResult(context.Json.File(file)));
    }

    private Task<ApiResult> SendAsync(ApiCall call, string kind)
    {
        var p = call.Parameters;
        var chat = context.ChatOf(p);
        var fields = new MediaFields(
            p.String(kind) ?? "",
            p.String("caption"),
            p.String("parse_mode"),
            FakeContext.EntitiesOf(p, "caption_entities"),
            p.Bool("has_spoiler"),
            p.Has("supports_streaming") ? p.Bool("supports_streaming") : null,
            p.Int("duration"),
            p.Int("width"),
            p.Int("height"),
            p.String("thumbnail") ?? p.String("thumb"));

        // Check the caption before storing anything, so a refused message leaves no orphan file behind.
        TextRules.Caption(fields.Caption, fields.ParseMode, fields.CaptionEntities);
        var replyTo = context.ReplyTo(p, chat);
        var file = InputFiles.FromParameter(context, p, kind, fields.Width, fields.Height, fields.Duration);
        var message = context.State.AddMessage(chat.Id, Build(chat, kind, file, fields, p, replyTo, FakeContext.MarkupOf(p), null));
        return Task.FromResult(new ApiResult(context.Json.Message(message)));
    }

    private Func<long, FakeMessage> Build(
        FakeChat chat, string kind, StoredFile file, MediaFields fields, ApiParameters p, long? replyTo, string? markup, string? groupId)
    {
        var caption = TextRules.Caption(fields.Caption, fields.ParseMode, fields.CaptionEntities);
        var thumbnail = InputFiles.Thumbnail(context, p, fields.Thumbnail);
        var now = context.State.Now;
        var botId = context.State.Bot.Id;
        return id => new FakeMessage
        {
            ChatId = chat.Id,
            MessageId = id,
            Date = now,
            Kind = kind,
            FromUserId = botId,
            FromBot = true,
            Caption = caption.Text.Length > 0 ? caption.Text : null,
            Entities = caption.Entities,
            SourceText = fields.Caption,
            ParseMode = fields.ParseMode,
            FileId = file.FileId,
            FileUniqueId = file.FileUniqueId,
            ThumbnailFileId = thumbnail?.FileId,
            ReplyToMessageId = replyTo,
            ReplyMarkup = markup,
            MediaGroupId = groupId,
            HasSpoiler = fields.HasSpoiler,
            SupportsStreaming = fields.SupportsStreaming,
            Duration = fields.Duration ?? file.Duration,
            Width = fields.Width ?? file.Width,
            Height = fields.Height ?? file.Height,
        };
    }

    private sealed record MediaFields(
        string Media,
        string? Caption,
        string? ParseMode,
        IReadOnlyList<TextEntity>? CaptionEntities,
        bool HasSpoiler,
        bool? SupportsStreaming,
        int? Duration,
        int? Width,
        int? Height,
        string? Thumbnail);
}
