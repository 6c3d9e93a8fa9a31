using Medallion.Threading.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VideoBot.Host.Jobs;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Caching;

/// <summary>
/// A lock that holds across host instances, for work that must happen once however many instances are asked (one download
/// per link). HybridCache already lets one caller per process do the work; this extends that to every instance.
/// </summary>
internal interface IInstanceLocks
{
    /// <summary>True when other instances exist that the lock keeps out (Redis); false for one instance on its own.</summary>
    bool IsShared { get; }

    /// <summary>Waits up to <paramref name="timeout"/> for the lock named <paramref name="name"/>; dispose the result to release it.</summary>
    /// <exception cref="TimeoutException">Another instance held it all that time.</exception>
    ValueTask<IAsyncDisposable> AcquireAsync(string name, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>One instance on its own: HybridCache's in-process stampede protection is the whole story.</summary>
internal sealed class LocalInstanceLocks : IInstanceLocks
{
    public bool IsShared => false;

    public ValueTask<IAsyncDisposable> AcquireAsync(string name, TimeSpan timeout, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IAsyncDisposable>(Released.Instance);

    private sealed class Released : IAsyncDisposable
    {
        public static readonly Released Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>
/// Redis locks (DistributedLock.Redis: SET NX with an expiry it keeps extending while held), so a crashed holder frees the lock
/// within the expiry instead of blocking the link for good. The expiry is the job lease (<c>Jobs:LeaseSeconds</c>), renewed
/// every third of it like the lease: an instance killed mid-download loses its link locks when it loses its jobs, so the
/// instance taking the jobs over does not then wait on the locks (the library's own default is 30 s, whatever the lease).
/// </summary>
internal sealed class RedisInstanceLocks(IConnectionMultiplexer redis, IOptions<JobsOptions> jobs) : IInstanceLocks
{
    public const string Prefix = "videobot:lock:";

    public bool IsShared => true;

    public async ValueTask<IAsyncDisposable> AcquireAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var lease = TimeSpan.FromSeconds(jobs.Value.LeaseSeconds);
        var distributed = new RedisDistributedLock(Prefix + name, redis.GetDatabase(), o => o
            .Expiry(lease)
            .ExtensionCadence(lease / 3));
        return await distributed.TryAcquireAsync(timeout, cancellationToken)
            ?? throw new TimeoutException($"Another instance held the lock {name} for {timeout}.");
    }
}
