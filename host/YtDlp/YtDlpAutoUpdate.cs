using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.YtDlp;

/// <summary>
/// <c>YtDlp:AutoUpdate</c>: a few minutes after start, then once a day, <see cref="YtDlpUpdater.UpdateOnceAsync"/>. Off by
/// default (an operator's yt-dlp changes only when asked); on in the Docker image, whose yt-dlp lives in a pip environment.
/// </summary>
internal sealed partial class YtDlpAutoUpdate(
    YtDlpUpdater updater, IOptions<YtDlpOptions> options, TimeProvider time, ILogger<YtDlpAutoUpdate> logger) : BackgroundService
{
    /// <summary>After start, so start-up and the first jobs are not slowed by an update.</summary>
    public static readonly TimeSpan FirstAfter = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan Every = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.AutoUpdate)
        {
            return;
        }

        try
        {
            await Task.Delay(FirstAfter, time, stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await updater.UpdateOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogCrashed(e);
                }

                await Task.Delay(Every, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 5114, Level = LogLevel.Error, Message = "The yt-dlp update failed unexpectedly; the next try is in a day")]
    private partial void LogCrashed(Exception exception);
}
