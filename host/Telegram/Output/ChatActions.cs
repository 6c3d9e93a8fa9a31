using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Caching;
using VideoBot.Host.Pipeline.Output;

namespace VideoBot.Host.Telegram.Output;

/// <summary>
/// "Sending video…" in the chat's header while an upload runs: Telegram shows a chat action for five seconds or until the bot's
/// next message, so it is sent again every <see cref="Interval"/> until the upload ends. A failed action is logged and
/// skipped: it is decoration, never a reason to stop the job.
/// </summary>
internal sealed partial class ChatActions(ITelegramBotClient bot, TimeProvider time, ILogger<ChatActions> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(4);

    private readonly ITelegramBotClient _bot = bot;
    private readonly TimeProvider _time = time;

    /// <summary>The action that describes an upload of <paramref name="files"/>: video wins, then photos, sound, files.</summary>
    public static ChatAction For(IReadOnlyList<OutgoingFile> files) =>
        files.Any(f => f.Kind is SentKind.Video or SentKind.Animation) ? ChatAction.UploadVideo
        : files.Any(f => f.Kind == SentKind.Photo) ? ChatAction.UploadPhoto
        : files.Any(f => f.Kind == SentKind.Audio) ? ChatAction.UploadVoice
        : ChatAction.UploadDocument;

    /// <summary>Starts showing <paramref name="action"/> in <paramref name="chat"/>; dispose the result when the upload ends.</summary>
    public IAsyncDisposable Start(ChatId chat, ChatAction action) => new Pump(this, chat, action);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Debug, Message = "Chat action {Action} could not be sent")]
    private partial void LogActionFailed(Exception exception, ChatAction action);

    private sealed class Pump : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Pump(ChatActions owner, ChatId chat, ChatAction action) => _loop = RunAsync(owner, chat, action, _stop.Token);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }

        private static async Task RunAsync(ChatActions owner, ChatId chat, ChatAction action, CancellationToken token)
        {
            try
            {
                while (!token.IsCancellationRequested)
                {
                    try
                    {
                        await owner._bot.SendChatAction(chat, action, cancellationToken: token);
                    }
                    catch (Exception e) when (e is RequestException or HttpRequestException && !token.IsCancellationRequested)
                    {
                        owner.LogActionFailed(e, action);
                    }

                    await Task.Delay(Interval, owner._time, token);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
        }
    }
}
