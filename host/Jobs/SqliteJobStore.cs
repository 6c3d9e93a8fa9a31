using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using VideoBot.Host.Caching;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Jobs;

/// <summary>
/// The job queue in the bot's SQLite file (the default): one instance owns the file, so leases only matter across restarts.
/// Writes go through <see cref="SqliteGroupCommit"/>, so a burst of jobs shares its commits.
/// </summary>
internal sealed class SqliteJobStore(BotDatabase database, TimeProvider time, IOptions<JobsOptions> options) : IJobStore, IDisposable
{
    private readonly SqliteGroupCommit _writes = new(database);

    public Task<bool> TryAddAsync(JobRecord job, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var payload = JobJson.Write(job);
        var now = Now();
        return _writes.WriteAsync(command =>
        {
            command.CommandText = """
                INSERT INTO jobs (id, payload, done, attempts, finished, owner, lease_until, created_at)
                VALUES ($id, $payload, 0, 1, 0, $owner, $until, $now) ON CONFLICT (id) DO NOTHING;
                """;
            command.Parameters.AddWithValue("$id", job.Id);
            command.Parameters.AddWithValue("$payload", payload);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$until", now + (long)lease.TotalMilliseconds);
            command.Parameters.AddWithValue("$now", now);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    public Task<bool> RenewAsync(string id, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var until = Now() + (long)lease.TotalMilliseconds;
        return _writes.WriteAsync(command =>
        {
            command.CommandText = "UPDATE jobs SET lease_until = $until WHERE id = $id AND owner = $owner AND finished = 0;";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$until", until);
            return command.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    public Task ProgressAsync(string id, int done, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE jobs SET done = $value WHERE id = $id;", id, done, cancellationToken);

    // Inside the payload (json_set), so files written by earlier versions need no new column.
    public Task SetStatusMessageAsync(string id, int? messageId, CancellationToken cancellationToken) =>
        _writes.WriteAsync(command =>
        {
            command.CommandText = "UPDATE jobs SET payload = json_set(payload, '$.statusMessageId', $value) WHERE id = $id AND finished = 0;";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$value", messageId is { } m ? m : DBNull.Value);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task ReleaseAsync(string id, string owner, CancellationToken cancellationToken) =>
        _writes.WriteAsync(command =>
        {
            command.CommandText = "UPDATE jobs SET lease_until = 0, owner = NULL WHERE id = $id AND owner = $owner;";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$owner", owner);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task FinishAsync(string id, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE jobs SET finished = 1, owner = NULL, lease_until = 0, finished_at = $value WHERE id = $id;", id, Now(), cancellationToken);

    // Rare (at start and every Jobs:RecoverySeconds) and a read as much as a write: on a connection of its own.
    public Task<IReadOnlyList<JobRecord>> ClaimOrphansAsync(string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<JobRecord>>(async connection =>
        {
            await using (var prune = connection.CreateCommand())
            {
                prune.CommandText = "DELETE FROM jobs WHERE finished = 1 AND finished_at < $before;";
                prune.Parameters.AddWithValue("$before", Now() - (long)TimeSpan.FromHours(options.Value.KeepFinishedHours).TotalMilliseconds);
                await prune.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE jobs SET owner = $owner, lease_until = $until, attempts = attempts + 1
                WHERE finished = 0 AND lease_until <= $now
                RETURNING payload, done, attempts;
                """;
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$until", Now() + (long)lease.TotalMilliseconds);
            command.Parameters.AddWithValue("$now", Now());
            var claimed = new List<JobRecord>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(JobJson.Read(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
            }

            return claimed;
        }, cancellationToken);

    public Task<long> CountOpenAsync(CancellationToken cancellationToken) =>
        RunAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM jobs WHERE finished = 0;";
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);

    /// <summary>Waits for the writes already queued, then closes the writer (after the leases are released at shutdown).</summary>
    public void Dispose() => _writes.Dispose();

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<int> ExecuteAsync(string sql, string id, long value, CancellationToken cancellationToken) =>
        _writes.WriteAsync(command =>
        {
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$value", value);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    private async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            return await work(connection);
        }
        catch (Exception e) when (SqliteGroupCommit.IsStoreFailure(e))
        {
            throw SqliteGroupCommit.Failure(database, e);
        }
    }
}
