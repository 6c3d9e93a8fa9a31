namespace VideoBot.FakeTelegram;

/// <summary>How a <see cref="FakeBotApiServer"/> behaves. The defaults match Telegram's cloud Bot API.</summary>
public sealed class FakeBotApiOptions
{
    /// <summary>The only token the server accepts; others get 401. Default <c>123456789:TEST-token_for-the-fake-api</c>.</summary>
    public string Token { get; set; } = "123456789:TEST-token_for-the-fake-api";

    /// <summary>The bot's username (getMe). Default <c>videobot_test_bot</c>.</summary>
    public string Username { get; set; } = "videobot_test_bot";

    /// <summary>The bot's display name (getMe). Default <c>VideoBot Test</c>.</summary>
    public string FirstName { get; set; } = "VideoBot Test";

    /// <summary>Where to listen. Default <c>http://127.0.0.1:0</c> (a free loopback port).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>Largest request body accepted; larger ones get 413. Default 50 MB, Telegram's upload limit for bots.</summary>
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Largest file getFile hands out; larger ones get "file is too big". Default 20 MB, Telegram's download limit.</summary>
    public long MaxDownloadBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>The update_id of the first update. Default 100000001.</summary>
    public long FirstUpdateId { get; set; } = 100_000_001;

    /// <summary>How many times a webhook delivery is tried before the update is dropped. Default 5.</summary>
    public int WebhookMaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first webhook retry; each further retry waits twice as long. Default 200 ms.</summary>
    public TimeSpan WebhookFirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Whether the /_fake/ control API (simulate users, read sent messages) is served. Default true.</summary>
    public bool EnableControlApi { get; set; } = true;

    /// <summary>Whether ASP.NET Core logs to the console (the executable turns it on). Default false.</summary>
    public bool ConsoleLogging { get; set; }

    /// <summary>Whether inline mode is on (BotFather's /setinline): getMe says so, and only then are inline queries sent. Default false.</summary>
    public bool SupportsInlineQueries { get; set; }

    /// <summary>The clock for message dates. Default the system clock.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The bot's user id: the number before ':' in the token, as Telegram.Bot reads it too.</summary>
    public long BotId => long.TryParse(Token.Split(':')[0], out var id) ? id : throw new InvalidOperationException("The token must start with the bot id and ':'.");
}
