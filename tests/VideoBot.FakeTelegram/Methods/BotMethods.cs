using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VideoBot.FakeTelegram.Api;

namespace VideoBot.FakeTelegram.Methods;

/// <summary>getMe, the bot command list, and answerCallbackQuery.</summary>
internal sealed partial class BotMethods(FakeContext context)
{
    private readonly ConcurrentDictionary<string, JsonArray> _commands = new();
    private readonly ConcurrentDictionary<string, CallbackAnswer?> _callbackQueries = new();

    /// <summary>An answerCallbackQuery call, as tests see it.</summary>
    public sealed record CallbackAnswer(string? Text, bool ShowAlert, string? Url);

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandPattern();

    public Task<ApiResult> GetMeAsync(ApiCall call)
    {
        var me = ApiJson.User(context.State.Bot);
        me["can_join_groups"] = true;
        me["can_read_all_group_messages"] = false;
        me["supports_inline_queries"] = context.Options.SupportsInlineQueries;
        me["can_connect_to_business"] = false;
        me["has_main_web_app"] = false;
        return Task.FromResult(new ApiResult(me));
    }

    public Task<ApiResult> SetMyCommandsAsync(ApiCall call)
    {
        var p = call.Parameters;
        if (p.Json("commands") is not JsonArray commands)
        {
            throw ApiErrors.ParameterRequired("commands");
        }

        if (commands.Count > 100)
        {
            throw ApiErrors.BadRequest("too many commands specified");
        }

        var stored = new JsonArray();
        foreach (var command in commands.OfType<JsonObject>())
        {
            var name = command["command"]?.GetValue<string>() ?? "";
            var description = command["description"]?.GetValue<string>() ?? "";
            if (!CommandPattern().IsMatch(name.TrimStart('/')))
            {
                throw ApiErrors.BadRequest("BOT_COMMAND_INVALID");
            }

            if (description.Trim().Length is 0 or > 256)
            {
                throw ApiErrors.BadRequest("command description must be non-empty");
            }

            stored.Add(new JsonObject { ["command"] = name.TrimStart('/'), ["description"] = description });
        }

        _commands[ScopeKey(p)] = stored;
        return Task.FromResult(ApiResult.True());
    }

    public Task<ApiResult> GetMyCommandsAsync(ApiCall call) =>
        Task.FromResult(new ApiResult(_commands.TryGetValue(ScopeKey(call.Parameters), out var commands) ? commands.DeepClone() : new JsonArray()));

    public Task<ApiResult> DeleteMyCommandsAsync(ApiCall call)
    {
        _commands.TryRemove(ScopeKey(call.Parameters), out _);
        return Task.FromResult(ApiResult.True());
    }

    public Task<ApiResult> AnswerCallbackQueryAsync(ApiCall call)
    {
        var p = call.Parameters;
        var id = p.String("callback_query_id") ?? throw ApiErrors.ParameterRequired("callback_query_id");
        var text = p.String("text");
        if (text is { Length: > 200 })
        {
            throw ApiErrors.BadRequest("MESSAGE_TOO_LONG");
        }

        // A query can be answered once; an unknown or answered one is "too old" for Telegram.
        if (!_callbackQueries.TryGetValue(id, out var previous) || previous is not null)
        {
            throw ApiErrors.QueryIdInvalid();
        }

        _callbackQueries[id] = new CallbackAnswer(text, p.Bool("show_alert"), p.String("url"));
        return Task.FromResult(ApiResult.True());
    }

    public void RegisterCallbackQuery(string id) => _callbackQueries[id] = null;

    public CallbackAnswer? CallbackAnswerOf(string id) => _callbackQueries.GetValueOrDefault(id);

    // Commands are kept per scope and language, like Telegram's lists.
    private static string ScopeKey(ApiParameters p) =>
        (p.Json("scope")?.ToJsonString() ?? """{"type":"default"}""") + "|" + (p.String("language_code") ?? "");
}
