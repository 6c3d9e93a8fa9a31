using System.ComponentModel;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Extraction;

namespace VideoBot.Host.Caching;

/// <summary>What <see cref="MediaCache.GetOrCreateAsync"/> found: the files, and whether this caller's own job made them.</summary>
/// <param name="Media">The files Telegram holds for the link.</param>
/// <param name="CreatedHere">True when this caller's factory ran (it has answered its user already); false when the answer
/// came from the cache or from another caller's job, and still has to be sent by file_id.</param>
internal sealed record CacheAnswer(CachedMedia Media, bool CreatedHere);

/// <summary>
/// The bot's one cache, on HybridCache: a link's Telegram file_ids per format choice (long-lived, in memory and in the
/// persistent level: SQLite, or Redis when <c>Cache:Redis</c> is set) and its extraction result (short-lived, in memory only:
/// it holds the live plugin that answered). Concurrent requests for one key run one factory; the others wait for its result
/// (HybridCache in one process, <see cref="IInstanceLocks"/> across instances). Failures are never cached.
/// </summary>
internal sealed class MediaCache(
    HybridCache cache,
    IDistributedCache persistent,
    IInstanceLocks locks,
    IOptions<CacheOptions> options,
    IOptions<LimitsOptions> limits)
{
    private const HybridCacheEntryFlags MemoryOnly = HybridCacheEntryFlags.DisableDistributedCache;

    /// <summary>Reads the persistent level alone, as a separate HybridCache operation (its stampede key includes the flags).</summary>
    private static readonly HybridCacheEntryOptions PeekOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableDistributedCacheWrite | HybridCacheEntryFlags.DisableUnderlyingData,
    };

    /// <summary>Reads both levels, never runs a job, never writes.</summary>
    private static readonly HybridCacheEntryOptions FindOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite | HybridCacheEntryFlags.DisableUnderlyingData,
    };

    private HybridCacheEntryOptions FileIdOptions => new()
    {
        Expiration = TimeSpan.FromDays(options.Value.FileIdDays),
        LocalCacheExpiration = TimeSpan.FromMinutes(options.Value.MemoryMinutes),
    };

    /// <summary>
    /// The files of <paramref name="url"/> in <paramref name="choice"/>: from the cache, from a job already running for it
    /// (here or on another instance), or from <paramref name="create"/>, which this caller then runs for everyone.
    /// </summary>
    public async Task<CacheAnswer> GetOrCreateAsync(
        string url, string choice, Func<CancellationToken, Task<CachedMedia>> create, CancellationToken cancellationToken)
    {
        var createdHere = false;
        var key = CacheKeys.FileIds(url, choice);
        // HybridCache runs the factory on the thread pool without the caller's ExecutionContext, so the job's log scope
        // (an AsyncLocal) would be lost: the job runs in the context of the caller who started it.
        var caller = ExecutionContext.Capture();
        var media = await cache.GetOrCreateAsync(key, async shared =>
        {
            // Another instance may be fetching the same link: wait for it, then take its answer rather than fetch again.
            await using var held = await locks.AcquireAsync(key, TimeSpan.FromMinutes(limits.Value.JobTimeoutMinutes + 1), shared);
            if (locks.IsShared && await PeekAsync(key, shared) is { Files.Count: > 0 } done)
            {
                return done;
            }

            createdHere = true;
            var created = await InContext(caller, () => create(shared));
            if (locks.IsShared)
            {
                // Fetched, stored, then released, in that order: HybridCache writes the factory's result to Redis only after
                // the factory returns (and the lock with it), so an instance waiting on the lock could take it in that gap,
                // find nothing and fetch the link again. The write is awaited here, while the lock is still held.
                await cache.SetAsync(key, created, FileIdOptions, cancellationToken: shared);
            }

            return created;
        }, FileIdOptions, cancellationToken: cancellationToken);
        return new CacheAnswer(media, createdHere);
    }

    private static Task<T> InContext<T>(ExecutionContext? context, Func<Task<T>> work)
    {
        if (context is null)
        {
            return work();
        }

        Task<T>? started = null;
        ExecutionContext.Run(context, _ => started = work(), null);
        return started!;
    }

    /// <summary>The files of <paramref name="url"/> in <paramref name="choice"/> if Telegram holds them already; null otherwise (nothing is fetched).</summary>
    public async Task<CachedMedia?> FindAsync(string url, string choice, CancellationToken cancellationToken)
    {
        var found = await cache.GetOrCreateAsync<CachedMedia?>(
            CacheKeys.FileIds(url, choice), _ => ValueTask.FromResult<CachedMedia?>(null), FindOptions, cancellationToken: cancellationToken);
        return found is { Files.Count: > 0 } ? found : null;
    }

    /// <summary>Drops one link's files in one choice (Telegram no longer knows them).</summary>
    public async Task RemoveAsync(string url, string choice, CancellationToken cancellationToken) =>
        await cache.RemoveAsync(CacheKeys.FileIds(url, choice), cancellationToken);

    /// <summary>Forgets everything about <paramref name="url"/>: its files in every choice and its extraction result.</summary>
    public async Task ForgetAsync(string url, CancellationToken cancellationToken) =>
        await cache.RemoveAsync([.. CacheKeys.AllChoices().Select(c => CacheKeys.FileIds(url, c)), CacheKeys.Metadata(url)], cancellationToken);

    /// <summary>The extraction result of <paramref name="url"/>, reused for <c>Cache:MetadataMinutes</c>; concurrent callers share one run.</summary>
    public async Task<ExtractionOutcome> GetOrExtractAsync(
        string url, Func<CancellationToken, Task<ExtractionOutcome>> extract, CancellationToken cancellationToken)
    {
        var minutes = options.Value.MetadataMinutes;
        if (minutes == 0)
        {
            return await extract(cancellationToken);
        }

        var entry = new HybridCacheEntryOptions { Expiration = TimeSpan.FromMinutes(minutes), LocalCacheExpiration = TimeSpan.FromMinutes(minutes), Flags = MemoryOnly };
        var caller = ExecutionContext.Capture(); // the plugin's log lines belong to the job that asked (see GetOrCreateAsync)
        var held = await cache.GetOrCreateAsync(CacheKeys.Metadata(url),
            async ct => new Extracted(await InContext(caller, () => extract(ct))), entry, cancellationToken: cancellationToken);
        return held.Outcome;
    }

    /// <summary>Links with files in the persistent level, for /stats; null when it is Redis (counting would scan every key).</summary>
    public async Task<long?> CountAsync(CancellationToken cancellationToken) => persistent is PersistentLevel { Store: SqliteDistributedCache sqlite }
        ? await sqlite.CountAsync(CacheKeys.FileIdPrefix, cancellationToken)
        : null;

    /// <summary>The answer under <paramref name="key"/> in the persistent level alone, or null.</summary>
    internal async Task<CachedMedia?> PeekAsync(string key, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync<CachedMedia?>(key, _ => ValueTask.FromResult<CachedMedia?>(null), PeekOptions, cancellationToken: cancellationToken);

    /// <summary>Immutable, so HybridCache keeps the instance in memory instead of a serialized copy (a plugin handle does not serialize).</summary>
    [ImmutableObject(true)]
    private sealed record Extracted(ExtractionOutcome Outcome);
}
