using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Caching;

namespace VideoBot.Tests.Caching;

/// <summary>
/// HybridCache over the bot's persistent level (<see cref="PersistentLevel"/>): a store that is slow or failing while the bot
/// starts (a busy SQLite file under load, a Redis still connecting) must not make HybridCache drop what it cached meanwhile.
/// HybridCache reads its global invalidation record when it is built, and takes that read failing as "everything cached
/// until now is invalid"; the bot keeps no such records, so the read never reaches the store.
/// </summary>
public sealed class Keeping_answers_cached_when_the_store_stumbles_at_start_up
{
    private static readonly HybridCacheEntryOptions Keep = new() { Expiration = TimeSpan.FromHours(1), LocalCacheExpiration = TimeSpan.FromMinutes(10) };

    private static readonly HybridCacheEntryOptions FindOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite | HybridCacheEntryFlags.DisableUnderlyingData,
    };

    [Fact]
    public async Task An_answer_cached_while_a_start_up_read_hangs_is_still_found_after_that_read_fails()
    {
        var store = new StumblingStore();
        await using var services = new ServiceCollection()
            .AddSingleton<IDistributedCache>(new PersistentLevel(store))
            .AddHybridCache().Services
            .BuildServiceProvider();
        var cache = services.GetRequiredService<HybridCache>(); // reads made now hang, as on a store busy at start-up
        store.Recover();

        var stored = await cache.GetOrCreateAsync("v1:fileid:video:best:abc", _ => ValueTask.FromResult("file-id-1"), Keep);
        store.FailHangingReads(); // what hung at start-up fails now, after the answer was cached
        await Task.Delay(200); // HybridCache takes a failed read in on the thread pool; with the fix there is none to wait for
        var found = await cache.GetOrCreateAsync<string?>("v1:fileid:video:best:abc", _ => ValueTask.FromResult<string?>(null), FindOnly);

        Assert.Equal("file-id-1", stored);
        Assert.Equal("file-id-1", found);
        Assert.Equal(["v1:fileid:video:best:abc"], store.KeysSeen.Distinct()); // only the bot's own keys reach the store
    }

    [Fact]
    public async Task Invalidating_by_tag_is_refused_rather_than_silently_ignored()
    {
        await using var services = new ServiceCollection()
            .AddSingleton<IDistributedCache>(new PersistentLevel(new StumblingStore()))
            .AddHybridCache().Services
            .BuildServiceProvider();

        await Assert.ThrowsAsync<NotSupportedException>(async () => await services.GetRequiredService<HybridCache>().RemoveByTagAsync("anything"));
    }

    /// <summary>An in-memory store whose reads hang until <see cref="Recover"/>, and then fail when told to.</summary>
    private sealed class StumblingStore : IDistributedCache
    {
        private readonly ConcurrentDictionary<string, byte[]> _entries = new();
        private readonly ConcurrentBag<TaskCompletionSource<byte[]?>> _hanging = [];
        private volatile bool _recovered;

        public ConcurrentQueue<string> KeysSeen { get; } = new();

        public void Recover() => _recovered = true;

        public void FailHangingReads()
        {
            foreach (var read in _hanging)
            {
                read.TrySetException(new IOException("database is locked"));
            }
        }

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
        {
            KeysSeen.Enqueue(key);
            if (_recovered)
            {
                return Task.FromResult(_entries.TryGetValue(key, out var value) ? value : null);
            }

            var read = new TaskCompletionSource<byte[]?>();
            _hanging.Add(read);
            return read.Task;
        }

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            KeysSeen.Enqueue(key);
            _entries[key] = value;
            return Task.CompletedTask;
        }

        public Task RemoveAsync(string key, CancellationToken token = default)
        {
            _entries.TryRemove(key, out _);
            return Task.CompletedTask;
        }

        public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

        public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

        public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

        public void Refresh(string key)
        {
        }
    }
}
