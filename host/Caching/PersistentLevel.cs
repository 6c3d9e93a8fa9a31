using Microsoft.Extensions.Caching.Distributed;

namespace VideoBot.Host.Caching;

/// <summary>
/// The cache's persistent level (SQLite, or Redis) as HybridCache sees it: the store itself, less HybridCache's tag
/// invalidation records, which this bot never writes (it drops entries by key, never by tag), so they are answered "never
/// invalidated" without touching the store.
/// </summary>
/// <remarks>
/// Why: HybridCache reads the global record once, when it is built (at start-up), and takes a read that fails or lasts over
/// 4 seconds as "everything cached up to now is invalid", for the life of the process. A SQLite file busy at start-up under
/// load, or a Redis still connecting, then dropped every older entry, and even the links answered in the first seconds: the
/// user had the file, and the next inline query or message for it found nothing and fetched it again.
/// </remarks>
internal sealed class PersistentLevel(IDistributedCache store) : IDistributedCache
{
    /// <summary>HybridCache's prefix for its tag records (<c>__MSFT_HCT__*</c> is the global one).</summary>
    internal const string TagRecordPrefix = "__MSFT_HCT__";

    /// <summary>The store behind, for what only it can do (counting entries for /stats).</summary>
    public IDistributedCache Store { get; } = store;

    public byte[]? Get(string key) => IsTagRecord(key) ? null : Store.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        IsTagRecord(key) ? Task.FromResult<byte[]?>(null) : Store.GetAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        RefuseTagRecord(key);
        Store.Set(key, value, options);
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        RefuseTagRecord(key);
        return Store.SetAsync(key, value, options, token);
    }

    public void Refresh(string key)
    {
        if (!IsTagRecord(key))
        {
            Store.Refresh(key);
        }
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => IsTagRecord(key) ? Task.CompletedTask : Store.RefreshAsync(key, token);

    public void Remove(string key) => Store.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => Store.RemoveAsync(key, token);

    private static bool IsTagRecord(string key) => key.StartsWith(TagRecordPrefix, StringComparison.Ordinal);

    /// <summary>RemoveByTagAsync would write one; its reads are never made, so it would be ignored: say so instead.</summary>
    private static void RefuseTagRecord(string key)
    {
        if (IsTagRecord(key))
        {
            throw new NotSupportedException(
                "The bot's cache keeps no tag records: drop entries by key (MediaCache.RemoveAsync/ForgetAsync), not HybridCache.RemoveByTagAsync.");
        }
    }
}
