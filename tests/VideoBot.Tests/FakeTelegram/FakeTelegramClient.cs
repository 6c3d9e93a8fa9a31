using Telegram.Bot;
using VideoBot.FakeTelegram;

namespace VideoBot.Tests.FakeTelegram;

/// <summary>The real Telegram.Bot client pointed at a fake server.</summary>
internal static class FakeTelegramClient
{
    /// <summary>
    /// A client for <paramref name="server"/>. Automatic 429 retries are off (Telegram.Bot retries a
    /// "retry after N" up to 60 s by default) so tests see the error itself.
    /// </summary>
    public static TelegramBotClient For(FakeBotApiServer server, string? token = null) =>
        new(new TelegramBotClientOptions(token ?? server.Token, server.ApiBaseUrl) { RetryThreshold = 0 });
}
