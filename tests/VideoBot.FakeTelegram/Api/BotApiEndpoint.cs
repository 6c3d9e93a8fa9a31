using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VideoBot.FakeTelegram.Methods;
using VideoBot.FakeTelegram.State;

namespace VideoBot.FakeTelegram.Api;

/// <summary>
/// <c>/bot{token}/{method}</c> and <c>/file/bot{token}/{path}</c>, answered like api.telegram.org: token first
/// (401 "Unauthorized"), then the method, case-insensitively (404 "Not Found"), then the handler. Every call is
/// logged with its outcome.
/// </summary>
internal sealed class BotApiEndpoint(FakeContext context, IReadOnlyDictionary<string, Func<ApiCall, Task<ApiResult>>> methods, FaultInjector faults)
{
    private readonly Lock _gate = new();
    private readonly List<LoggedRequest> _log = [];

    public event Action? RequestCompleted;

    public IReadOnlyList<LoggedRequest> Requests
    {
        get { lock (_gate) { return [.. _log]; } }
    }

    public async Task HandleAsync(HttpContext http, string token, string method)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        ApiParameters? parameters = null;
        var canonical = method;
        try
        {
            if (token != context.Options.Token)
            {
                throw ApiErrors.Unauthorized();
            }

            var handler = methods.FirstOrDefault(m => m.Key.Equals(method, StringComparison.OrdinalIgnoreCase));
            if (handler.Value is null)
            {
                throw ApiErrors.NotFound();
            }

            canonical = handler.Key;
            parameters = await ApiRequestReader.ReadAsync(http.Request, context.Options.MaxUploadBytes, http.RequestAborted);
            if (faults.Take(canonical) is { } injected)
            {
                throw injected;
            }

            var result = await handler.Value(new ApiCall(canonical, parameters, http.RequestAborted));
            var answer = new JsonObject { ["ok"] = true, ["result"] = result.Result };
            if (result.Description is { } description)
            {
                answer["description"] = description;
            }

            Log(canonical, parameters, 200, null, receivedAt);
            await WriteAsync(http, 200, answer);
        }
        catch (Exception exception) when (AsApiError(exception) is { } error)
        {
            Log(canonical, parameters, error.ErrorCode, error.Description, receivedAt);
            await WriteErrorAsync(http, error);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client hung up (typically a long poll being cancelled): nobody is left to answer.
        }
    }

    public async Task DownloadAsync(HttpContext http, string token, string path)
    {
        if (token != context.Options.Token)
        {
            await WriteErrorAsync(http, ApiErrors.Unauthorized());
            return;
        }

        if (context.State.FileByPath(path) is not { Bytes: { } bytes } file)
        {
            await WriteErrorAsync(http, ApiErrors.NotFound());
            return;
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = file.MimeType ?? "application/octet-stream";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext http, BotApiException error)
    {
        var answer = new JsonObject { ["ok"] = false, ["error_code"] = error.ErrorCode, ["description"] = error.Description };
        if (error.RetryAfter is not null || error.MigrateToChatId is not null)
        {
            var parameters = new JsonObject();
            if (error.MigrateToChatId is { } chatId)
            {
                parameters["migrate_to_chat_id"] = chatId;
            }

            if (error.RetryAfter is { } retryAfter)
            {
                parameters["retry_after"] = retryAfter;
            }

            answer["parameters"] = parameters;
        }

        return WriteAsync(http, error.ErrorCode, answer);
    }

    private static async Task WriteAsync(HttpContext http, int status, JsonObject answer)
    {
        if (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(answer.ToJsonString(), http.RequestAborted);
    }

    // Malformed JSON values inside parameters surface as these exceptions; Telegram answers them with a 400.
    private static BotApiException? AsApiError(Exception exception) => exception switch
    {
        BotApiException api => api,
        InvalidOperationException or FormatException or JsonException or OverflowException or UriFormatException =>
            ApiErrors.BadRequest("can't parse request parameters: " + exception.Message),
        _ => null,
    };

    private void Log(string method, ApiParameters? parameters, int status, string? error, DateTimeOffset receivedAt)
    {
        var shown = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (parameters is not null)
        {
            foreach (var (name, value) in parameters.Values)
            {
                shown[name] = value;
            }

            foreach (var (name, file) in parameters.Files)
            {
                shown[name] = string.Create(CultureInfo.InvariantCulture, $"file name=\"{file.FileName}\" {FileFingerprint.Of(file.Bytes)}");
            }
        }

        lock (_gate)
        {
            _log.Add(new LoggedRequest(method, shown, status, error) { ReceivedAt = receivedAt });
        }

        RequestCompleted?.Invoke();
    }
}
