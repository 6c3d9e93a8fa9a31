using Microsoft.Extensions.Hosting;

namespace VideoBot.Host.Caching;

/// <summary>
/// Creates or upgrades the bot's SQLite file (<see cref="BotDatabase"/>) while the host starts, before any update is taken:
/// its first use is then never a user's request racing another writer, and a file that cannot be opened stops the start with
/// its own error instead of failing requests later. (HybridCache's start-up read of the cache used to do this by accident.)
/// A file from a version before HybridCache has its file_id table moved into the cache here, once (<see cref="LegacyFileIds"/>).
/// </summary>
internal sealed class DatabaseStartup(BotDatabase database, LegacyFileIds legacy) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Opening creates the file or adds what an earlier version lacks (BotDatabase.InitializeAsync).
        await (await database.OpenAsync(cancellationToken)).DisposeAsync();
        await legacy.MoveAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
