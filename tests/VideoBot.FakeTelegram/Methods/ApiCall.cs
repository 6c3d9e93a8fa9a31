using System.Text.Json.Nodes;
using VideoBot.FakeTelegram.Api;

namespace VideoBot.FakeTelegram.Methods;

/// <summary>One Bot API call as a handler sees it.</summary>
internal sealed record ApiCall(string Method, ApiParameters Parameters, CancellationToken Aborted);

/// <summary>A successful answer: the result, and the optional description some methods add ("Webhook was set").</summary>
internal sealed record ApiResult(JsonNode? Result, string? Description = null)
{
    public static ApiResult True(string? description = null) => new(JsonValue.Create(true), description);
}
