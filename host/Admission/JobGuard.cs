using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Observability;
using VideoBot.Host.Admission.RateLimiting;

namespace VideoBot.Host.Admission;

/// <summary>
/// What a job passes before it fetches anything: the temporary disk within its limits, a token of its platform's rate limit,
/// and one of its platform's <c>Limits:MaxJobsPerPlatform</c> slots (held until the job ends, waited for with the status
/// "waiting for a free slot").
/// </summary>
internal sealed class JobGuard : IDisposable
{
    private readonly TempDisk _disk;
    private readonly PlatformRateLimiter _rate;
    private readonly BotMetrics _metrics;
    private readonly PartitionedRateLimiter<string> _slots;

    public JobGuard(TempDisk disk, PlatformRateLimiter rate, BotMetrics metrics, IOptions<LimitsOptions> limits)
    {
        _disk = disk;
        _rate = rate;
        _metrics = metrics;
        var perPlatform = limits.Value.MaxJobsPerPlatform;
        _slots = PartitionedRateLimiter.Create<string, string>(platform => RateLimitPartition.GetConcurrencyLimiter(platform, _ =>
            new ConcurrencyLimiterOptions { PermitLimit = perPlatform, QueueLimit = int.MaxValue, QueueProcessingOrder = QueueProcessingOrder.OldestFirst }));
    }

    /// <summary>Admits a job of <paramref name="platformId"/>; dispose the result when the job ends.</summary>
    /// <param name="onWait">Called once when the job must wait for a slot (to say so in its status message).</param>
    /// <exception cref="LimitRefusal">The disk is full, or the platform's rate limit asks for too long a wait.</exception>
    public async Task<IDisposable> EnterAsync(string platformId, string platformName, Action onWait, CancellationToken cancellationToken)
    {
        try
        {
            _disk.Admit();
        }
        catch (LimitRefusal)
        {
            _metrics.RateLimited("disk");
            throw;
        }

        var lease = _slots.AttemptAcquire(platformId);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            onWait();
            lease = await _slots.AcquireAsync(platformId, 1, cancellationToken);
        }

        try
        {
            await _rate.WaitAsync(platformId, platformName, cancellationToken);
            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    public void Dispose() => _slots.Dispose();
}
