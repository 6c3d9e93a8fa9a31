using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Telegram;

/// <summary>
/// Honours Telegram's flood control: a call answered 429 is retried after its <c>retry_after</c>. The client library's own retry
/// is switched off, because it resends the same request object and an upload's stream is spent by then; here the caller's
/// delegate builds the request again (reopening files) on every attempt.
/// </summary>
internal sealed class TelegramRetry(IOptions<TelegramOptions> options, TimeProvider time, ILogger<TelegramRetry> logger)
{
    private const int MaxAttempts = 5;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken);
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429 && attempt < MaxAttempts && RetryDelay(e) is { } delay)
            {
                TelegramLog.RateLimited(logger, delay, attempt);
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    public Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            await call(ct);
            return true;
        }, cancellationToken);

    /// <summary>How long a 429 asks to wait, or null when it asks for longer than the operator allows.</summary>
    public TimeSpan? RetryDelay(ApiRequestException e)
    {
        var seconds = Math.Max(1, e.Parameters?.RetryAfter ?? 1);
        return seconds <= options.Value.MaxRetryAfterSeconds ? TimeSpan.FromSeconds(seconds) : null;
    }
}
