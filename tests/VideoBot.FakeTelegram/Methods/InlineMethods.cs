using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VideoBot.FakeTelegram.Api;

namespace VideoBot.FakeTelegram.Methods;

/// <summary>answerInlineQuery, with the real API's limits: at most 50 results, unique ids of 1-64 bytes, known types with their
/// required fields, cached file ids that exist and match the result's kind, a start parameter of 1-64 [A-Za-z0-9_-].</summary>
internal sealed partial class InlineMethods(FakeContext context)
{
    public const int MaxResults = 50;

    private readonly ConcurrentDictionary<string, InlineAnswer?> _queries = new();

    /// <summary>The file field and the stored kinds each cached result type accepts (a document takes any file).</summary>
    private static readonly Dictionary<string, (string Field, string[] Kinds, bool NeedsTitle)> CachedTypes = new(StringComparer.Ordinal)
    {
        ["video"] = ("video_file_id", ["video"], true),
        ["photo"] = ("photo_file_id", ["photo"], false),
        ["audio"] = ("audio_file_id", ["audio"], false),
        ["gif"] = ("gif_file_id", ["animation"], false),
        ["mpeg4_gif"] = ("mpeg4_file_id", ["animation"], false),
        ["document"] = ("document_file_id", ["document", "video", "audio", "animation", "photo"], true),
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex StartParameter();

    public void Register(string id) => _queries[id] = null;

    public InlineAnswer? AnswerOf(string id) => _queries.GetValueOrDefault(id);

    public Task<ApiResult> AnswerInlineQueryAsync(ApiCall call)
    {
        var p = call.Parameters;
        var id = p.String("inline_query_id") ?? throw ApiErrors.ParameterRequired("inline_query_id");
        if (p.Json("results") is not JsonArray results)
        {
            throw ApiErrors.ParameterRequired("results");
        }

        if (results.Count > MaxResults)
        {
            throw ApiErrors.BadRequest("RESULTS_TOO_MUCH");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            Check(result as JsonObject ?? throw ApiErrors.BadRequest("can't parse inline query result"), ids);
        }

        var cacheTime = p.Int("cache_time");
        if (cacheTime is < 0)
        {
            throw ApiErrors.BadRequest("invalid cache_time specified");
        }

        string? buttonText = null, startParameter = null;
        if (p.Json("button") is { } button)
        {
            buttonText = button["text"]?.GetValue<string>();
            startParameter = button["start_parameter"]?.GetValue<string>();
            if (string.IsNullOrEmpty(buttonText))
            {
                throw ApiErrors.BadRequest("can't parse InlineQueryResultsButton: Field \"text\" must be of type String");
            }

            if ((startParameter is null) == (button["web_app"] is null))
            {
                throw ApiErrors.BadRequest("InlineQueryResultsButton must have exactly one of start_parameter and web_app");
            }

            if (startParameter is not null && !StartParameter().IsMatch(startParameter))
            {
                throw ApiErrors.BadRequest("START_PARAM_INVALID");
            }
        }

        // An inline query is answered once, within its time; an unknown or answered one is "too old".
        if (!_queries.TryGetValue(id, out var previous) || previous is not null)
        {
            throw ApiErrors.QueryIdInvalid();
        }

        _queries[id] = new InlineAnswer((JsonArray)results.DeepClone(), cacheTime ?? 300, p.Bool("is_personal"), buttonText, startParameter);
        return Task.FromResult(ApiResult.True());
    }

    private void Check(JsonObject result, HashSet<string> ids)
    {
        var type = result["type"]?.GetValue<string>() ?? throw ApiErrors.BadRequest("can't parse inline query result: Field \"type\" must be of type String");
        var id = result["id"]?.GetValue<string>() ?? throw ApiErrors.BadRequest("can't parse inline query result: Field \"id\" must be of type String");
        if (Encoding.UTF8.GetByteCount(id) is 0 or > 64)
        {
            throw ApiErrors.BadRequest("RESULT_ID_INVALID");
        }

        if (!ids.Add(id))
        {
            throw ApiErrors.BadRequest("RESULT_ID_DUPLICATE");
        }

        if (result["caption"]?.GetValue<string>() is { Length: > 1024 })
        {
            throw ApiErrors.CaptionTooLong();
        }

        if (result["reply_markup"] is JsonObject markup)
        {
            FakeContext.CheckMarkup(markup);
        }

        if (type == "article")
        {
            if (result["title"] is null || result["input_message_content"] is null)
            {
                throw ApiErrors.BadRequest("can't parse inline query result: Field \"title\" must be of type String");
            }

            return;
        }

        if (!CachedTypes.TryGetValue(type, out var rule))
        {
            throw ApiErrors.BadRequest("RESULT_TYPE_INVALID");
        }

        if (rule.NeedsTitle && result["title"] is null)
        {
            throw ApiErrors.BadRequest("can't parse inline query result: Field \"title\" must be of type String");
        }

        // The fake serves cached results only: URL results would need it to fetch the web.
        var fileId = result[rule.Field]?.GetValue<string>() ?? throw ApiErrors.BadRequest("RESULT_TYPE_INVALID");
        var file = context.State.File(fileId) ?? throw ApiErrors.WrongFileId();
        if (!rule.Kinds.Contains(file.Kind))
        {
            throw ApiErrors.FileTypeMismatch();
        }
    }
}

/// <summary>How the bot answered an inline query.</summary>
/// <param name="Results">The results as sent (InlineQueryResult JSON objects).</param>
/// <param name="CacheTime">Seconds Telegram may cache the answer (default 300).</param>
/// <param name="IsPersonal">Whether the answer is for this user only.</param>
/// <param name="ButtonText">The text of the button above the results, if any.</param>
/// <param name="StartParameter">The button's deep-link parameter (<c>/start PARAM</c> in the bot's chat).</param>
public sealed record InlineAnswer(JsonArray Results, int CacheTime, bool IsPersonal, string? ButtonText, string? StartParameter);
