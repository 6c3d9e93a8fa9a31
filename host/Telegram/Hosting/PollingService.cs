using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using VideoBot.Host.Configuration;
using VideoBot.Host.Jobs;
using VideoBot.Host.Telegram.Dispatch;

namespace VideoBot.Host.Telegram.Hosting;

/// <summary>
/// Long polling (polling mode): fetches updates with <c>getUpdates</c> and queues them for the workers. Each call confirms the
/// previous batch through its offset, which moves past an update only once it is handled (its job stored). Written as a loop over <c>GetUpdates</c> rather than the library's receiver, because the
/// receiver derives the long-poll timeout from the client's HTTP timeout, which uploads need to be long.
/// </summary>
internal sealed class PollingService(
    ITelegramBotClient bot,
    BotIdentity identity,
    UpdateQueue queue,
    IOptions<TelegramOptions> options,
    ILogger<PollingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Mode != TelegramMode.Polling)
        {
            return;
        }

        await identity.WhenReadyAsync(stoppingToken);
        var offset = 0;
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var updates = await bot.GetUpdates(offset, limit: 100, timeout: options.Value.PollTimeoutSeconds,
                    allowedUpdates: BotStartup.AllowedUpdates, cancellationToken: stoppingToken);
                var handled = new List<(int Id, Task Done)>(updates.Length);
                JobStoreException? storeFailure = null;
                foreach (var update in updates)
                {
                    handled.Add((update.Id, await queue.EnqueueAsync(update, stoppingToken)));
                }

                // The next call confirms everything below its offset: move it only past updates whose jobs are stored.
                foreach (var (id, done) in handled)
                {
                    try
                    {
                        await done.WaitAsync(stoppingToken);
                    }
                    catch (JobStoreException e)
                    {
                        storeFailure = e;
                        break;
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        // The handler failed for another reason (logged): a resend would fail the same way.
                    }

                    offset = id + 1;
                }

                if (storeFailure is not null)
                {
                    // The job queue is down: Telegram keeps the rest and sends it again once it is back.
                    TelegramLog.PollFailed(logger, storeFailure, delay);
                    await Task.Delay(delay, stoppingToken);
                    delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
                    continue;
                }

                delay = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is RequestException or HttpRequestException or OperationCanceledException)
            {
                // 409 (a webhook or another instance), network trouble, or a timeout: wait, then poll again.
                TelegramLog.PollFailed(logger, e, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
    }
}
