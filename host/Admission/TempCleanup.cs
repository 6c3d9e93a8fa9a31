using Microsoft.Extensions.Hosting;

namespace VideoBot.Host.Admission;

/// <summary>Removes an earlier run's leftovers from the temporary folder when the bot starts, before any job runs.</summary>
internal sealed class TempCleanup(TempDisk disk) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        disk.RemoveLeftovers();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
