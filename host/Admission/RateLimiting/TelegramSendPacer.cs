using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.RateLimiting;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Admission.RateLimiting;

/// <summary>
/// Paces the bot's sends to Telegram's flood limits (about 1 message a second per chat, 20 a minute per group, 30 a second
/// overall; <c>RateLimits:Telegram*</c>) under the Bot API client, so every send and edit (replies, uploads, status edits) is
/// counted, wherever in the bot it comes from. A call over the limit waits for its turn rather than drawing a 429. Reads,
/// deletions and long polls are not paced.
/// </summary>
internal sealed class TelegramSendPacer : DelegatingHandler
{
    private readonly PartitionedRateLimiter<long>[] _owned;
    private readonly PartitionedRateLimiter<long> _private;
    private readonly PartitionedRateLimiter<long> _group;

    public TelegramSendPacer(RateLimitOptions options, HttpMessageHandler inner)
        : base(inner)
    {
        // Waiters queue without bound: the caller's cancellation (and the Bot API call's timeout) ends a wait, not the pacer.
        const int queue = int.MaxValue;
        var global = PartitionedRateLimiter.Create<long, int>(_ => RateLimitPartition.GetTokenBucketLimiter(0, _ => Bucket(
            options.TelegramGlobalPerSecond, options.TelegramGlobalPerSecond, TimeSpan.FromSeconds(1), queue)));
        var perChat = PartitionedRateLimiter.Create<long, long>(chat => RateLimitPartition.GetTokenBucketLimiter(chat, _ => Bucket(
            options.TelegramChatBurst, options.TelegramChatPerSecond, TimeSpan.FromSeconds(1), queue)));
        var perGroup = PartitionedRateLimiter.Create<long, long>(chat => RateLimitPartition.GetTokenBucketLimiter(chat, _ => Bucket(
            options.TelegramGroupPerMinute, options.TelegramGroupPerMinute, TimeSpan.FromMinutes(1), queue)));
        // Private chats never pass the group limiter: a partition there for each of them (a no-op limiter is never idle, so
        // never dropped) would be kept for good, and the limiter's 100 ms heartbeat walks every partition it keeps.
        _owned = [perChat, perGroup, global];
        _private = PartitionedRateLimiter.CreateChained(perChat, global);
        _group = PartitionedRateLimiter.CreateChained(perChat, perGroup, global);
    }

    /// <summary>True for the Bot API methods that post into a chat and count against its flood limits.</summary>
    public static bool IsPaced(string method) =>
        method.StartsWith("send", StringComparison.OrdinalIgnoreCase) && !method.Equals("sendChatAction", StringComparison.OrdinalIgnoreCase)
        || method.StartsWith("edit", StringComparison.OrdinalIgnoreCase)
        || method.StartsWith("copy", StringComparison.OrdinalIgnoreCase)
        || method.StartsWith("forward", StringComparison.OrdinalIgnoreCase);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = request.RequestUri?.Segments is [.., var last] ? last.Trim('/') : string.Empty;
        if (!IsPaced(method) || await ChatIdAsync(request.Content, cancellationToken) is not { } chat)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        using var lease = await (chat < 0 ? _group : _private).AcquireAsync(chat, 1, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _group.Dispose();
            _private.Dispose();
            foreach (var limiter in _owned)
            {
                limiter.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>The request's numeric <c>chat_id</c> (JSON body, or a multipart upload's field); null when it has none.</summary>
    internal static async Task<long?> ChatIdAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        switch (content)
        {
            case MultipartContent multipart:
                foreach (var part in multipart)
                {
                    if (Unquote(part.Headers.ContentDisposition?.Name) == "chat_id" && part is not StreamContent)
                    {
                        return Parse(await part.ReadAsStringAsync(cancellationToken));
                    }
                }

                return null;
            case null:
                return null;
            default:
                if (content.Headers.ContentType is not MediaTypeHeaderValue { MediaType: "application/json" })
                {
                    return null;
                }

                // Small: a request with files is multipart. Buffered here, it is sent from the buffer.
                await content.LoadIntoBufferAsync(cancellationToken);
                using (var document = JsonDocument.Parse(await content.ReadAsStreamAsync(cancellationToken)))
                {
                    return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("chat_id", out var id)
                        ? id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var n) ? n : Parse(id.ToString())
                        : null;
                }
        }
    }

    private static long? Parse(string text) =>
        long.TryParse(text.Trim().Trim('"'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static string? Unquote(string? name) => name?.Trim('"');

    private static TokenBucketRateLimiterOptions Bucket(int burst, int perPeriod, TimeSpan period, int queue) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perPeriod,
        ReplenishmentPeriod = period,
        QueueLimit = queue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };
}
