using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using VideoBot.Host.Pipeline.Output;

namespace VideoBot.Host.Telegram.Output;

/// <summary>
/// The "Extracting… / Downloading 42%… / Uploading…" message of one job. <see cref="Show"/> never blocks the job: it records the
/// latest text, and a pump edits the message at most once per interval (counted from the last edit, or from sending), skipping
/// texts the message already shows. Intermediate texts may be dropped; the latest always wins.
/// </summary>
internal sealed class StatusMessage : IStatusMessage
{
    private readonly ITelegramBotClient _bot;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private string _shown;
    private string? _wanted;
    private DateTimeOffset _nextEditAt;
    private bool _stopped;
    private InlineKeyboardMarkup? _markup;

    public StatusMessage(ITelegramBotClient bot, Message message, TimeSpan interval, TimeProvider time, ILogger logger, InlineKeyboardMarkup? buttons = null)
    {
        _markup = buttons;
        _bot = bot;
        _time = time;
        _interval = interval;
        _logger = logger;
        Chat = message.Chat.Id;
        MessageId = message.Id;
        _shown = message.Text ?? string.Empty;
        _nextEditAt = time.GetUtcNow() + interval;
        _pump = Task.Run(PumpAsync);
    }

    public ChatId Chat { get; }

    public int MessageId { get; }

    /// <summary>Asks for <paramref name="html"/> to be shown; returns at once.</summary>
    public void Show(string html)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _wanted = html;
        }

        _wake.Writer.TryWrite(true);
    }

    /// <summary>Stops progress updates and leaves <paramref name="html"/> as the message's last word (an error, "Cancelled.").</summary>
    public async Task FinishAsync(string html)
    {
        await StopPumpAsync();
        _markup = null; // the last word has no buttons: there is nothing left to cancel
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            // The last word matters: unlike progress, it is retried when Telegram asks to slow down.
            for (var attempt = 0; attempt < 3; attempt++)
            {
                await WaitForTurnAsync(timeout.Token);
                if (await EditAsync(html, timeout.Token))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job's outcome matters more than its last status text.
        }
    }

    /// <summary>Stops progress updates and removes the message (the media itself is the answer).</summary>
    public async Task DeleteAsync()
    {
        await StopPumpAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _bot.DeleteMessage(Chat, MessageId, timeout.Token);
        }
        catch (Exception e) when (e is RequestException or OperationCanceledException or HttpRequestException)
        {
            TelegramLog.StatusEditFailed(_logger, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopPumpAsync();
        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        var token = _stop.Token;
        try
        {
            while (await _wake.Reader.WaitToReadAsync(token))
            {
                _wake.Reader.TryRead(out _);
                await WaitForTurnAsync(token);
                string? text;
                lock (_gate)
                {
                    text = _wanted;
                    _wanted = null;
                }

                // Not cancelled by the stop signal: an edit already on its way completes, so _shown stays true.
                if (text is not null && !await EditAsync(text, CancellationToken.None))
                {
                    lock (_gate)
                    {
                        _wanted ??= text;
                    }

                    _wake.Writer.TryWrite(true);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private async Task StopPumpAsync()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _wanted = null;
        }

        _wake.Writer.TryComplete();
        await _stop.CancelAsync();
        await _pump;
    }

    private async Task WaitForTurnAsync(CancellationToken cancellationToken)
    {
        var wait = _nextEditAt - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    /// <summary>Edits the message unless it shows <paramref name="html"/> already; false when Telegram asked to wait (429).</summary>
    private async Task<bool> EditAsync(string html, CancellationToken cancellationToken)
    {
        if (html == _shown)
        {
            return true;
        }

        try
        {
            await _bot.EditMessageText(Chat, MessageId, html, ParseMode.Html, replyMarkup: _markup, cancellationToken: cancellationToken);
            _shown = html;
            _nextEditAt = _time.GetUtcNow() + _interval;
        }
        catch (ApiRequestException e) when (e.ErrorCode == 429)
        {
            // Keep quiet for as long as Telegram asked; the caller decides whether the text is still worth sending.
            _nextEditAt = _time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1));
            return false;
        }
        catch (ApiRequestException e) when (TelegramErrors.IsNotModified(e))
        {
            _shown = html;
        }
        catch (Exception e) when (e is RequestException or HttpRequestException)
        {
            // The user may have deleted the message; the job goes on without it.
            TelegramLog.StatusEditFailed(_logger, e);
            _nextEditAt = _time.GetUtcNow() + _interval;
        }

        return true;
    }
}
