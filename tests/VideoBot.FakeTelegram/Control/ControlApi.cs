using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.FakeTelegram.State;

namespace VideoBot.FakeTelegram.Control;

/// <summary>
/// A small HTTP API under <c>/_fake/</c> for manual demos with the executable: play a user, read what the bot sent,
/// see the calls it made, inject errors. It is not part of Telegram's API.
/// </summary>
internal static class ControlApi
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Usage(string baseUrl, string token) => $"""
        Fake Telegram Bot API listening on {baseUrl}
          Bot API:    {baseUrl}/bot{token}/METHOD   (point Telegram.Bot at it: new TelegramBotClientOptions("{token}", "{baseUrl}"))
          Files:      {baseUrl}/file/bot{token}/PATH
        Control API (not Telegram's):
          POST {baseUrl}/_fake/messages      {"{"}"chat_id": 100000001, "user_id": 100000001, "text": "https://example.com/v/1", "first_name": "Alice"{"}"}
          GET  {baseUrl}/_fake/chats/ID/messages   what the bot sent to chat ID
          GET  {baseUrl}/_fake/requests            every Bot API call received
          POST {baseUrl}/_fake/errors        {"{"}"method": "sendVideo", "error_code": 429, "retry_after": 5, "count": 1{"}"}
          GET  {baseUrl}/_fake/files/FILE_ID       the bytes of an uploaded file
          POST {baseUrl}/_fake/chat_members  {"{"}"chat_id": -1001000000001, "user_id": 100000001, "status": "administrator"{"}"}
          POST {baseUrl}/_fake/inline_queries {"{"}"user_id": 100000001, "query": "https://example.com/v/1"{"}"}   (needs inline mode)
          GET  {baseUrl}/_fake/inline_queries/ID   how the bot answered it
        """;

    public static void Map(WebApplication app, FakeBotApiServer server)
    {
        app.MapGet("/_fake", () => Results.Text(Usage(server.ApiBaseUrl, server.Token)));
        app.MapPost("/_fake/messages", (JsonObject body) => SimulateMessage(server, body));
        app.MapGet("/_fake/chats/{chatId:long}/messages", (long chatId) => Results.Json(server.Messages(chatId), Json));
        app.MapGet("/_fake/requests", () => Results.Json(server.Requests, Json));
        app.MapPost("/_fake/errors", (JsonObject body) =>
        {
            var method = body["method"]?.GetValue<string>();
            var code = body["error_code"]?.GetValue<int>();
            if (method is null || code is null)
            {
                return Results.BadRequest("method and error_code are required");
            }

            server.InjectError(method, code.Value, body["description"]?.GetValue<string>(), body["retry_after"]?.GetValue<int>(), body["count"]?.GetValue<int>() ?? 1);
            return Results.NoContent();
        });
        app.MapPost("/_fake/chat_members", (JsonObject body) => SetChatMember(server, body));
        app.MapPost("/_fake/inline_queries", (JsonObject body) => SimulateInlineQuery(server, body));
        app.MapGet("/_fake/inline_queries/{id}", (string id) =>
            server.InlineAnswer(id) is { } answer ? Results.Json(answer, Json) : Results.NotFound());
        app.MapGet("/_fake/files/{fileId}", (string fileId) =>
            server.File(fileId) is { Bytes: { } bytes } file ? Results.Bytes(bytes, file.MimeType ?? "application/octet-stream") : Results.NotFound());
    }

    private static IResult SetChatMember(FakeBotApiServer server, JsonObject body)
    {
        var chatId = body["chat_id"]?.GetValue<long>();
        var userId = body["user_id"]?.GetValue<long>();
        var status = body["status"]?.GetValue<string>();
        if (chatId is null || userId is null || status is null)
        {
            return Results.BadRequest("chat_id, user_id and status are required");
        }

        if (server.Chat(chatId.Value) is not { } chat || server.User(userId.Value) is not { } user)
        {
            return Results.BadRequest("unknown chat or user: send a message as them first");
        }

        try
        {
            server.SetChatMember(chat, user, status);
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(e.Message);
        }

        return Results.NoContent();
    }

    private static IResult SimulateInlineQuery(FakeBotApiServer server, JsonObject body)
    {
        var userId = body["user_id"]?.GetValue<long>();
        var query = body["query"]?.GetValue<string>();
        if (userId is null || query is null)
        {
            return Results.BadRequest("user_id and query are required");
        }

        var user = server.User(userId.Value) ?? server.Context.State.AddUser(body["first_name"]?.GetValue<string>() ?? "User", null, "en", userId);
        try
        {
            return Results.Json(new { inline_query_id = server.SendInlineQuery(user, query, body["chat_type"]?.GetValue<string>() ?? "sender") });
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return Results.BadRequest(e.Message);
        }
    }

    private static IResult SimulateMessage(FakeBotApiServer server, JsonObject body)
    {
        var text = body["text"]?.GetValue<string>();
        var userId = body["user_id"]?.GetValue<long>();
        if (text is null || userId is null)
        {
            return Results.BadRequest("user_id and text are required");
        }

        var state = server.Context.State;
        var user = state.User(userId.Value)
            ?? state.AddUser(body["first_name"]?.GetValue<string>() ?? "User", body["username"]?.GetValue<string>(), body["language_code"]?.GetValue<string>() ?? "en", userId);
        var chatId = body["chat_id"]?.GetValue<long>() ?? user.Id;
        FakeChat chat;
        if (chatId == user.Id)
        {
            chat = state.PrivateChat(user);
        }
        else if (chatId < 0)
        {
            chat = state.Chat(chatId) ?? state.AddGroup(body["chat_title"]?.GetValue<string>() ?? "Demo group", chatId < -1_000_000_000_000, chatId);
        }
        else
        {
            return Results.BadRequest("a private chat's id is its user's id; groups have negative ids");
        }

        var message = server.SendUserMessage(chat, user, text);
        return Results.Json(new { chat_id = chat.Id, message_id = message.MessageId, pending_updates = server.PendingUpdateCount });
    }
}
