using Microsoft.Extensions.Options;
using Telegram.Bot;
using VideoBot.Host.Configuration;
using VideoBot.Host.Admission.RateLimiting;

namespace VideoBot.Host.Telegram.Hosting;

/// <summary>
/// Builds the Bot API client. Its HttpClient is the bot's own, not one from IHttpClientFactory: the factory's logging would
/// write request URLs, and every Bot API URL carries the token. It is not the guarded gateway either: a local Bot API server
/// (or a test fake) lives on a private address by design.
/// </summary>
internal static class TelegramClientFactory
{
    public static ITelegramBotClient Create(IOptions<TelegramOptions> options, RateLimitOptions pacing)
    {
        var settings = options.Value;
        var sockets = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var http = new HttpClient(new TelegramSendPacer(pacing, sockets))
        {
            Timeout = TimeSpan.FromSeconds(settings.RequestTimeoutSeconds),
        };
        var clientOptions = new TelegramBotClientOptions(settings.Token!.Trim(), settings.ApiBaseUrl.TrimEnd('/'))
        {
            // TelegramRetry does it, rebuilding uploads; the library would resend spent streams.
            RetryCount = 0,
        };
        return new TelegramBotClient(clientOptions, http);
    }
}
