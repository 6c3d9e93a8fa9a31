using Microsoft.Extensions.Hosting;

namespace VideoBot.Host.Caching;

/// <summary>
/// Creates or upgrades the bot's SQLite file (<see cref="BotDatabase"/>) while the host starts, before any update is taken:
/// its first use is then never a user's request racing another writer, and a file that cannot be opened stops the start with
/// its own error instead of failing requests later. (HybridCache's start-up read of the cache used to do this by accident.)
/// </summary>
internal sealed class DatabaseStartup(BotDatabase database) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
