using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace VideoBot.FakeTelegram.Updates;

/// <summary>
/// Delivers queued updates to the webhook one at a time, in order, as JSON POSTs carrying
/// <c>X-Telegram-Bot-Api-Secret-Token</c>. A non-2xx answer or a connection error is retried with a doubling
/// delay; after <see cref="FakeBotApiOptions.WebhookMaxAttempts"/> tries the update is dropped and the error kept
/// for getWebhookInfo, as Telegram reports it ("Wrong response from the webhook: 500 Internal Server Error").
/// </summary>
internal sealed partial class WebhookSender : IAsyncDisposable
{
    private readonly FakeBotApiOptions _options;
    private readonly UpdateQueue _queue;
    private readonly ILogger _logger;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Lock _gate = new();
    private readonly List<WebhookDelivery> _deliveries = [];
    private readonly CancellationTokenSource _stop = new();
    private WebhookConfig? _config;
    private long? _lastErrorDate;
    private string? _lastErrorMessage;
    private Task? _loop;

    public WebhookSender(FakeBotApiOptions options, UpdateQueue queue, ILogger<WebhookSender> logger)
    {
        _options = options;
        _queue = queue;
        _logger = logger;
    }

    public WebhookConfig? Config
    {
        get { lock (_gate) { return _config; } }
    }

    public IReadOnlyList<WebhookDelivery> Deliveries
    {
        get { lock (_gate) { return [.. _deliveries]; } }
    }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public void Set(WebhookConfig config)
    {
        lock (_gate)
        {
            _config = config;
            _lastErrorDate = null;
            _lastErrorMessage = null;
        }

        _queue.Signal();
    }

    /// <summary>Removes the webhook; false when there was none.</summary>
    public bool Delete()
    {
        bool had;
        lock (_gate)
        {
            had = _config is not null;
            _config = null;
        }

        _queue.Signal();
        return had;
    }

    public JsonObject Info()
    {
        lock (_gate)
        {
            var json = new JsonObject
            {
                ["url"] = _config?.Url ?? "",
                ["has_custom_certificate"] = false,
                ["pending_update_count"] = _queue.PendingCount,
            };
            if (_config is null)
            {
                return json;
            }

            json["ip_address"] = "127.0.0.1";
            if (_lastErrorDate is { } date)
            {
                json["last_error_date"] = date;
                json["last_error_message"] = _lastErrorMessage;
            }

            json["max_connections"] = _config.MaxConnections;
            if (_config.AllowedUpdates is { Count: > 0 } allowed)
            {
                json["allowed_updates"] = new JsonArray([.. allowed.Select(a => JsonValue.Create(a))]);
            }

            return json;
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var attempt = 0;
        long? attemptedUpdate = null;
        while (!stop.IsCancellationRequested)
        {
            var config = Config;
            var next = config is null ? null : _queue.Peek(1).FirstOrDefault();
            if (config is null || next is null)
            {
                await WaitQuietlyAsync(_queue.WaitForChangeAsync(TimeSpan.FromSeconds(1), stop));
                continue;
            }

            attempt = attemptedUpdate == next.UpdateId ? attempt + 1 : 1;
            attemptedUpdate = next.UpdateId;
            var (status, error) = await PostAsync(config, next, stop);
            Record(new WebhookDelivery(config.Url, next.UpdateId, attempt, status, config.SecretToken, error));
            if (error is null)
            {
                _queue.Remove(next.UpdateId);
                continue;
            }

            LogDeliveryFailed(next.UpdateId, attempt, error);
            if (attempt >= _options.WebhookMaxAttempts)
            {
                LogUpdateDropped(next.UpdateId, attempt);
                _queue.Remove(next.UpdateId);
                continue;
            }

            var delay = _options.WebhookFirstRetryDelay * Math.Pow(2, attempt - 1);
            await WaitQuietlyAsync(Task.Delay(delay, stop));
        }
    }

    private async Task<(int? Status, string? Error)> PostAsync(WebhookConfig config, UpdateQueue.PendingUpdate update, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, config.Url)
        {
            Content = new StringContent(update.Json.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (config.SecretToken is { } secret)
        {
            request.Headers.TryAddWithoutValidation("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        try
        {
            using var response = await _http.SendAsync(request, stop);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? (code, null)
                : (code, string.Create(CultureInfo.InvariantCulture, $"Wrong response from the webhook: {code} {response.ReasonPhrase}"));
        }
        catch (HttpRequestException exception)
        {
            return (null, exception.InnerException?.Message ?? exception.Message);
        }
        catch (TaskCanceledException) when (!stop.IsCancellationRequested)
        {
            return (null, "Read timeout expired");
        }
    }

    private void Record(WebhookDelivery delivery)
    {
        lock (_gate)
        {
            _deliveries.Add(delivery);
            if (delivery.Error is not null)
            {
                _lastErrorDate = _options.Clock.GetUtcNow().ToUnixTimeSeconds();
                _lastErrorMessage = delivery.Error;
            }
        }
    }

    private static async Task WaitQuietlyAsync(Task wait)
    {
        try
        {
            await wait;
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            // Waking up is all that was wanted.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await WaitQuietlyAsync(_loop);
        }

        _http.Dispose();
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery of update {UpdateId} failed (attempt {Attempt}): {Error}")]
    private partial void LogDeliveryFailed(long updateId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Update {UpdateId} dropped after {Attempts} failed webhook deliveries")]
    private partial void LogUpdateDropped(long updateId, int attempts);
}
