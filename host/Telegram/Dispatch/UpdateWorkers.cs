using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Telegram.Dispatch;

/// <summary>
/// Handles queued updates with <c>Telegram:UpdateWorkers</c> workers. Handling is quick (a command, or starting a job), so a
/// slow download never holds up /cancel or other users.
/// </summary>
internal sealed class UpdateWorkers(
    UpdateQueue queue, UpdateDispatcher dispatcher, IOptions<TelegramOptions> options, ILogger<UpdateWorkers> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.UpdateWorkers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var queued in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await dispatcher.DispatchAsync(queued.Update, stoppingToken);
                    queued.Done();
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    TelegramLog.UpdateFailed(logger, e, queued.Update.Id);
                    queued.Failed(e);
                }
                finally
                {
                    queued.Abandoned();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
