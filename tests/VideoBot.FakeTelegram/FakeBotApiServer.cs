using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoBot.FakeTelegram.Api;
using VideoBot.FakeTelegram.Control;
using VideoBot.FakeTelegram.Formatting;
using VideoBot.FakeTelegram.Methods;
using VideoBot.FakeTelegram.State;
using VideoBot.FakeTelegram.Updates;

namespace VideoBot.FakeTelegram;

/// <summary>
/// A Telegram Bot API server on loopback that follows the real API's rules and error texts, for tests that run the
/// real Telegram.Bot client against it: <c>new TelegramBotClient(new TelegramBotClientOptions(token, server.ApiBaseUrl))</c>.
/// Tests play the users (<see cref="SendUserMessage"/>), read what the bot sent (<see cref="Messages"/>,
/// <see cref="FileBytes"/>, <see cref="Requests"/>) and inject failures (<see cref="InjectError"/>). Thread-safe.
/// </summary>
public sealed class FakeBotApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeContext _context;
    private readonly BotApiEndpoint _endpoint;
    private readonly BotMethods _botMethods;
    private readonly FaultInjector _faults;
    private long _callbackCounter;
    private long _inlineCounter;

    private FakeBotApiServer(WebApplication app, FakeContext context, BotApiEndpoint endpoint, BotMethods botMethods, FaultInjector faults)
    {
        _app = app;
        _context = context;
        _endpoint = endpoint;
        _botMethods = botMethods;
        _faults = faults;
    }

    /// <summary>The server's origin, e.g. <c>http://127.0.0.1:43121/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The origin as TelegramBotClientOptions wants it (it appends <c>/bot{token}/{method}</c> itself).</summary>
    public string ApiBaseUrl => BaseUrl.GetLeftPart(UriPartial.Authority);

    public string Token => _context.Options.Token;

    internal FakeContext Context => _context;

    /// <summary>The bot's own user (getMe).</summary>
    public FakeUser Bot => _context.State.Bot;

    /// <summary>Every Bot API call received, in order.</summary>
    public IReadOnlyList<LoggedRequest> Requests => _endpoint.Requests;

    /// <summary>Every webhook delivery attempt, in order.</summary>
    public IReadOnlyList<WebhookDelivery> WebhookDeliveries => _context.Webhook.Deliveries;

    /// <summary>The webhook URL set by setWebhook, or null in long-polling mode.</summary>
    public string? WebhookUrl => _context.Webhook.Config?.Url;

    /// <summary>Updates not yet confirmed (by getUpdates offset or a webhook 2xx).</summary>
    public int PendingUpdateCount => _context.Updates.PendingCount;

    public static async Task<FakeBotApiServer> StartAsync(FakeBotApiOptions? options = null)
    {
        options ??= new FakeBotApiOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);

        // The fake enforces Telegram's own upload limit (413); Kestrel's 30 MB default must not answer first.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        if (!options.ConsoleLogging)
        {
            builder.Logging.ClearProviders();
        }
        else
        {
            // Per-request framework chatter would bury the fake's own messages in a demo console.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        var app = builder.Build();
        var bot = new FakeUser(options.BotId, options.FirstName, Username: options.Username, IsBot: true);
        var state = new BotState(bot, options.Clock);
        var updates = new UpdateQueue(options.FirstUpdateId);
        var webhook = new WebhookSender(options, updates, app.Services.GetRequiredService<ILogger<WebhookSender>>());
        var context = new FakeContext(options, state, updates, webhook);
        var botMethods = new BotMethods(context);
        var faults = new FaultInjector();
        var endpoint = new BotApiEndpoint(context, MethodTable.Build(context, botMethods), faults);
        var server = new FakeBotApiServer(app, context, endpoint, botMethods, faults);

        app.MapMethods("/bot{token}/{method}", ["GET", "POST"], (HttpContext http, string token, string method) => endpoint.HandleAsync(http, token, method));
        app.MapGet("/file/bot{token}/{**path}", (HttpContext http, string token, string path) => endpoint.DownloadAsync(http, token, path));
        if (options.EnableControlApi)
        {
            ControlApi.Map(app, server);
        }

        // Anything else is answered the way api.telegram.org answers it.
        app.MapFallback((HttpContext http) => BotApiEndpoint.WriteErrorAsync(http, ApiErrors.NotFound()));

        await app.StartAsync();
        webhook.Start();
        server.BaseUrl = new Uri(app.Urls.First());
        return server;
    }

    /// <summary>A new user (ids count up from 100000001).</summary>
    public FakeUser AddUser(string firstName = "Alice", string? username = null, string? languageCode = "en") =>
        _context.State.AddUser(firstName, username, languageCode);

    /// <summary>The private chat between the bot and <paramref name="user"/> (its id is the user's id).</summary>
    public FakeChat PrivateChat(FakeUser user) => _context.State.PrivateChat(user);

    /// <summary>A new group the bot is in; a supergroup by default (ids like -1001000000001).</summary>
    public FakeChat AddGroup(string title = "Test group", bool supergroup = true) => _context.State.AddGroup(title, supergroup);

    public FakeChat? Chat(long chatId) => _context.State.Chat(chatId);

    public FakeUser? User(long userId) => _context.State.User(userId);

    /// <summary>
    /// <paramref name="user"/> writes in <paramref name="chat"/>: stores the message and queues a "message" update with
    /// the entities Telegram would compute (url, bot_command, mention...) added to <paramref name="entities"/>.
    /// A <paramref name="caption"/> needs an <paramref name="attachment"/>; <paramref name="forwardOrigin"/> is a
    /// MessageOrigin JSON object. Returns the stored message.
    /// </summary>
    public FakeMessage SendUserMessage(
        FakeChat chat,
        FakeUser user,
        string? text,
        IReadOnlyList<TextEntity>? entities = null,
        string? caption = null,
        JsonObject? forwardOrigin = null,
        string? languageCode = null,
        FakeAttachment? attachment = null,
        long? replyToMessageId = null)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(user);
        if (caption is not null && attachment is null)
        {
            throw new ArgumentException("A caption belongs to a media message: pass an attachment too.", nameof(caption));
        }

        if (text is null && attachment is null)
        {
            throw new ArgumentException("A message needs a text or an attachment.", nameof(text));
        }

        var sender = languageCode is null ? user : user with { LanguageCode = languageCode };
        if (_context.State.User(user.Id) is null || languageCode is not null)
        {
            _context.State.AddUser(sender.FirstName, sender.Username, sender.LanguageCode, sender.Id);
        }

        var content = TextRules.Finish(new FormattedText(attachment is null ? text! : caption ?? "", entities ?? []));
        var size = attachment?.Kind == "photo" ? ImageSize.Read(attachment.Bytes) : null;
        var file = attachment is null ? null : _context.State.AddFile(attachment.Kind, attachment.Bytes, null, attachment.FileName, null, size?.Width, size?.Height);

        var message = _context.State.AddMessage(chat.Id, id => new FakeMessage
        {
            ChatId = chat.Id,
            MessageId = id,
            Date = _context.State.Now,
            Kind = attachment?.Kind ?? "text",
            FromUserId = user.Id,
            Text = attachment is null ? content.Text : null,
            Caption = attachment is not null && content.Text.Length > 0 ? content.Text : null,
            Entities = content.Entities,
            SourceText = attachment is null ? text : caption,
            FileId = file?.FileId,
            FileUniqueId = file?.FileUniqueId,
            Width = file?.Width,
            Height = file?.Height,
            ReplyToMessageId = replyToMessageId,
            ForwardOrigin = forwardOrigin?.ToJsonString(),
        });
        _context.Updates.Enqueue("message", _context.Json.Message(message));
        return message;
    }

    /// <summary>
    /// <paramref name="user"/> presses an inline button with <paramref name="data"/> under the bot's message
    /// <paramref name="messageId"/>: queues a "callback_query" update and returns its id (answer it with answerCallbackQuery).
    /// </summary>
    public string SendCallbackQuery(FakeChat chat, FakeUser user, long messageId, string data)
    {
        var message = _context.State.Message(chat.Id, messageId) ?? throw new ArgumentException("No such message in this chat.", nameof(messageId));
        var id = (Interlocked.Increment(ref _callbackCounter) + 4_000_000_000_000_000_000L).ToString(CultureInfo.InvariantCulture);
        _botMethods.RegisterCallbackQuery(id);
        _context.Updates.Enqueue("callback_query", new JsonObject
        {
            ["id"] = id,
            ["from"] = ApiJson.User(user),
            ["message"] = _context.Json.Message(message),
            ["chat_instance"] = (chat.Id * 31).ToString(CultureInfo.InvariantCulture),
            ["data"] = data,
        });
        return id;
    }

    /// <summary>
    /// <paramref name="user"/> presses a button under a message the bot can no longer see (deleted, or older than 48 hours):
    /// Telegram then sends an InaccessibleMessage, only the chat, the message id and a date of 0. Returns the query's id.
    /// </summary>
    public string SendCallbackQueryOnInaccessibleMessage(FakeChat chat, FakeUser user, long messageId, string data)
    {
        var id = (Interlocked.Increment(ref _callbackCounter) + 4_000_000_000_000_000_000L).ToString(CultureInfo.InvariantCulture);
        _botMethods.RegisterCallbackQuery(id);
        _context.Updates.Enqueue("callback_query", new JsonObject
        {
            ["id"] = id,
            ["from"] = ApiJson.User(user),
            ["message"] = new JsonObject { ["chat"] = ApiJson.Chat(chat), ["message_id"] = messageId, ["date"] = 0 },
            ["chat_instance"] = (chat.Id * 31).ToString(CultureInfo.InvariantCulture),
            ["data"] = data,
        });
        return id;
    }

    /// <summary>How the bot answered a callback query, or null if it did not (yet).</summary>
    public (string? Text, bool ShowAlert, string? Url)? CallbackAnswer(string callbackQueryId) =>
        _botMethods.CallbackAnswerOf(callbackQueryId) is { } answer ? (answer.Text, answer.ShowAlert, answer.Url) : null;

    /// <summary>
    /// <paramref name="user"/> types <c>@bot <paramref name="query"/></c> in a chat of <paramref name="chatType"/> ("sender",
    /// "private", "group", "supergroup", "channel"): queues an "inline_query" update and returns its id. Telegram sends these
    /// only to bots with inline mode switched on (BotFather /setinline, <see cref="FakeBotApiOptions.SupportsInlineQueries"/>).
    /// </summary>
    public string SendInlineQuery(FakeUser user, string query, string chatType = "sender")
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        if (!_context.Options.SupportsInlineQueries)
        {
            throw new InvalidOperationException("Inline mode is off for this bot: set FakeBotApiOptions.SupportsInlineQueries (BotFather's /setinline).");
        }

        if (query.Length > 256)
        {
            throw new ArgumentException("Telegram cuts inline queries at 256 characters.", nameof(query));
        }

        var id = (Interlocked.Increment(ref _inlineCounter) + 5_000_000_000_000_000_000L).ToString(CultureInfo.InvariantCulture);
        _context.Inline.Register(id);
        _context.Updates.Enqueue("inline_query", new JsonObject
        {
            ["id"] = id,
            ["from"] = ApiJson.User(user),
            ["query"] = query,
            ["offset"] = "",
            ["chat_type"] = chatType,
        });
        return id;
    }

    /// <summary>How the bot answered an inline query, or null if it did not (yet).</summary>
    public InlineAnswer? InlineAnswer(string inlineQueryId) => _context.Inline.AnswerOf(inlineQueryId);

    /// <summary>Sets <paramref name="user"/>'s status in <paramref name="chat"/> ("creator", "administrator", "member", "restricted", "left", "kicked"), as getChatMember reports it; users not set are members.</summary>
    public void SetChatMember(FakeChat chat, FakeUser user, string status)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(user);
        _context.Extras.SetMember(chat.Id, user.Id, status);
    }

    /// <summary>The bot's reactions (emoji) on a message, set with setMessageReaction.</summary>
    public IReadOnlyList<string> Reactions(long chatId, long messageId) => _context.Extras.Reactions(chatId, messageId);

    /// <summary>
    /// The next <paramref name="count"/> calls of <paramref name="method"/> ("*" for any) fail with this answer.
    /// A 429 without a description gets Telegram's "Too Many Requests: retry after N" and parameters.retry_after.
    /// </summary>
    public void InjectError(string method, int errorCode, string? description = null, int? retryAfter = null, int count = 1) =>
        _faults.Add(method, errorCode, description, retryAfter, count);

    /// <summary>The messages the bot sent to <paramref name="chatId"/> (still existing ones, edits applied), oldest first.</summary>
    public IReadOnlyList<FakeMessage> Messages(long chatId) => [.. _context.State.Messages(chatId).Where(m => m.FromBot)];

    /// <summary>All messages of the chat, the users' and the bot's.</summary>
    public IReadOnlyList<FakeMessage> AllMessages(long chatId) => _context.State.Messages(chatId);

    /// <summary>The chat actions (typing, upload_video...) the bot sent to the chat, in order.</summary>
    public IReadOnlyList<string> ChatActions(long chatId) => _context.State.ChatActions(chatId);

    /// <summary>The bytes of an uploaded file; null for unknown ids and URL files.</summary>
    public byte[]? FileBytes(string fileId) => _context.State.File(fileId)?.Bytes;

    public StoredFile? File(string fileId) => _context.State.File(fileId);

    /// <summary>Waits until <paramref name="probe"/> returns a value (checked after every API call and every 25 ms).</summary>
    public async Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan? timeout = null, string? what = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
#pragma warning disable CA2000 // see the finally block
        var signal = new SemaphoreSlim(0);
#pragma warning restore CA2000
        void OnRequest() => signal.Release();
        _endpoint.RequestCompleted += OnRequest;
        try
        {
            while (true)
            {
                if (probe() is { } value)
                {
                    return value;
                }

                try
                {
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(25), cts.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"Timed out waiting for {what ?? "the condition"}.");
                }
            }
        }
        finally
        {
            // Not disposed: a request finishing on another thread may still hold this handler (events invoke a snapshot),
            // and its Release on a disposed semaphore would fail that request. Without AvailableWaitHandle it owns nothing.
            _endpoint.RequestCompleted -= OnRequest;
        }
    }

    /// <summary>Waits for a bot message in the chat matching <paramref name="predicate"/>.</summary>
    public Task<FakeMessage> WaitForMessageAsync(long chatId, Func<FakeMessage, bool>? predicate = null, TimeSpan? timeout = null) =>
        WaitForAsync(() => Messages(chatId).FirstOrDefault(m => predicate?.Invoke(m) ?? true), timeout, $"a bot message in chat {chatId}");

    /// <summary>Waits for a call of <paramref name="method"/> (case-insensitive) matching <paramref name="predicate"/>.</summary>
    public Task<LoggedRequest> WaitForRequestAsync(string method, Func<LoggedRequest, bool>? predicate = null, TimeSpan? timeout = null) =>
        WaitForAsync(
            () => Requests.FirstOrDefault(r => r.Method.Equals(method, StringComparison.OrdinalIgnoreCase) && (predicate?.Invoke(r) ?? true)),
            timeout,
            $"a {method} call");

    public async ValueTask DisposeAsync()
    {
        await _context.Webhook.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
