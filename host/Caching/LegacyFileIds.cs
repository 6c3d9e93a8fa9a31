using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VideoBot.Host.Caching;

/// <summary>
/// Upgrades a <c>bot.db</c> written before the cache moved to HybridCache: its <c>file_cache</c> table (a link's file_ids per
/// format choice) is moved into the cache once, at start, with what is left of each entry's <c>Cache:FileIdDays</c>, and then
/// dropped. Users keep their cached answers across the upgrade, and nothing reads the old table afterwards.
/// </summary>
internal sealed partial class LegacyFileIds(
    BotDatabase database, HybridCache cache, MediaCache answers, IOptions<CacheOptions> options, TimeProvider time, ILogger<LegacyFileIds> logger)
{
    /// <summary>How the old table stored its payloads: web JSON, enums as camel-case names.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task MoveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!await HasTableAsync(connection, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow();
        var keep = TimeSpan.FromDays(options.Value.FileIdDays);
        int moved = 0, expired = 0, unreadable = 0, unwritten = 0;
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT url, choice, payload, created_at FROM file_cache;";
            await using var rows = await select.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                var left = DateTimeOffset.FromUnixTimeSeconds(rows.GetInt64(3)) + keep - now;
                if (left <= TimeSpan.Zero)
                {
                    expired++;
                    continue;
                }

                if (Read(rows.GetString(2)) is not { Files.Count: > 0 } media)
                {
                    unreadable++;
                    continue;
                }

                // Into the persistent level only: the memory level takes an answer when it is next asked for.
                var entry = new HybridCacheEntryOptions { Expiration = left, Flags = HybridCacheEntryFlags.DisableLocalCacheWrite };
                var key = CacheKeys.FileIds(rows.GetString(0), rows.GetString(1));
                await cache.SetAsync(key, media, entry, cancellationToken: cancellationToken);

                // HybridCache logs a failed write to its persistent level and carries on (a Redis that is down, say), so each
                // answer is read back from there before the table may go.
                if (await answers.PeekAsync(key, cancellationToken) is not null)
                {
                    moved++;
                }
                else
                {
                    unwritten++;
                }
            }
        }

        if (unwritten > 0)
        {
            Kept(logger, unwritten, moved);
            return;
        }

        // Dropped only after every row was read and written: a start stopped half-way moves the table again next time.
        await using (var drop = connection.CreateCommand())
        {
            drop.CommandText = "DROP TABLE file_cache;";
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        Moved(logger, moved, expired, unreadable);
    }

    private static async Task<bool> HasTableAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'file_cache';";
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static CachedMedia? Read(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<CachedMedia>(payload, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(3101, LogLevel.Information,
        "Moved the file_id table of an earlier version into the cache: {Moved} answers kept, {Expired} expired, {Unreadable} unreadable; the table is dropped")]
    private static partial void Moved(ILogger logger, int moved, int expired, int unreadable);

    [LoggerMessage(3102, LogLevel.Warning,
        "Could not write {Unwritten} answers of the earlier version's file_id table into the cache ({Moved} written); the table is kept and moved again at the next start")]
    private static partial void Kept(ILogger logger, int unwritten, int moved);
}
