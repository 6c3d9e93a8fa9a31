using Microsoft.Extensions.Caching.Distributed;

namespace VideoBot.Host.Caching;

/// <summary>
/// The cache's persistent level when no Redis is configured: an <see cref="IDistributedCache"/> over the <c>cache_entries</c>
/// table of the bot's SQLite file, so cached answers survive a restart. Expired rows are ignored on read and deleted in passing.
/// </summary>
internal sealed class SqliteDistributedCache(BotDatabase database, TimeProvider time) : IDistributedCache
{
    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(token);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM cache_entries WHERE key = $key AND expires_at IS NOT NULL AND expires_at <= $now;
            UPDATE cache_entries SET expires_at = $now + sliding_ms WHERE key = $key AND sliding_ms IS NOT NULL;
            SELECT value FROM cache_entries WHERE key = $key;
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", now);
        return await command.ExecuteScalarAsync(token) as byte[];
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? expires = options.AbsoluteExpiration ?? (options.AbsoluteExpirationRelativeToNow is { } relative ? now + relative : null);
        if (options.SlidingExpiration is { } sliding && (expires is null || now + sliding < expires))
        {
            expires = now + sliding;
        }

        await using var connection = await database.OpenAsync(token);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO cache_entries (key, value, expires_at, sliding_ms) VALUES ($key, $value, $expires, $sliding)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, sliding_ms = excluded.sliding_ms;
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.Parameters.AddWithValue("$expires", expires is { } e ? e.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$sliding", options.SlidingExpiration is { } s ? (long)s.TotalMilliseconds : DBNull.Value);
        await command.ExecuteNonQueryAsync(token);
    }

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public async Task RefreshAsync(string key, CancellationToken token = default) => await GetAsync(key, token);

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        await using var connection = await database.OpenAsync(token);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM cache_entries WHERE key = $key;";
        command.Parameters.AddWithValue("$key", key);
        await command.ExecuteNonQueryAsync(token);
    }

    /// <summary>Live entries whose key starts with <paramref name="prefix"/> (for /stats).</summary>
    public async Task<long> CountAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM cache_entries WHERE substr(key, 1, length($prefix)) = $prefix AND (expires_at IS NULL OR expires_at > $now);";
        command.Parameters.AddWithValue("$prefix", prefix);
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
