using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoBot.Host.Caching;

/// <summary>
/// Remembers the Telegram file_ids a link was answered with, per format choice (<c>video:best</c>, <c>audio</c>...): the next
/// request for the same link and choice is answered from Telegram's storage, with no extraction and no download.
/// </summary>
internal sealed class FileIdCache(BotDatabase database, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task<CachedMedia?> FindAsync(string url, string choice, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM file_cache WHERE url = $url AND choice = $choice;";
        command.Parameters.AddWithValue("$url", url);
        command.Parameters.AddWithValue("$choice", choice);
        return await command.ExecuteScalarAsync(cancellationToken) is string payload
            ? JsonSerializer.Deserialize<CachedMedia>(payload, Json)
            : null;
    }

    public async Task StoreAsync(string url, string choice, CachedMedia media, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO file_cache (url, choice, payload, created_at) VALUES ($url, $choice, $payload, $now)
            ON CONFLICT (url, choice) DO UPDATE SET payload = excluded.payload, created_at = excluded.created_at;
            """;
        command.Parameters.AddWithValue("$url", url);
        command.Parameters.AddWithValue("$choice", choice);
        command.Parameters.AddWithValue("$payload", JsonSerializer.Serialize(media, Json));
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeSeconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveAsync(string url, string choice, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM file_cache WHERE url = $url AND choice = $choice;";
        command.Parameters.AddWithValue("$url", url);
        command.Parameters.AddWithValue("$choice", choice);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM file_cache;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
