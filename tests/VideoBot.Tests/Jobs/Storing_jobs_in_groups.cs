using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using VideoBot.Host.Caching;
using VideoBot.Host.Jobs;
using VideoBot.Tests.Downloading;
using VideoBot.Host.Configuration;

namespace VideoBot.Tests.Jobs;

/// <summary>
/// The SQLite job store commits the writes that arrive together in one transaction: each caller still learns its own result
/// once it is durable, a duplicate is still told apart, and one bad write fails alone.
/// </summary>
public sealed class Storing_jobs_in_groups : IDisposable
{
    private const int Count = 200;
    private readonly TempFolder _folder = new();
    private readonly BotDatabase _database;
    private readonly SqliteJobStore _store;

    public Storing_jobs_in_groups()
    {
        _database = new BotDatabase(Path.Combine(_folder.Path, "bot.db"));
        _store = new SqliteJobStore(_database, TimeProvider.System, Options.Create(new JobsOptions()));
    }

    public void Dispose()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_burst_of_jobs_is_stored_whole_in_fewer_commits_than_jobs()
    {
        await _store.CountOpenAsync(default); // the schema, written before the burst
        var walBefore = WalFrames();

        var added = await Task.WhenAll(Enumerable.Range(0, Count).Select(i => Task.Run(() => _store.TryAddAsync(Job(i), "me", TimeSpan.FromMinutes(1), default))));

        Assert.All(added, Assert.True);
        Assert.Equal(Count, await _store.CountOpenAsync(default));
        // Each commit appends at least one WAL frame per page it changed (a row's table and index pages): one commit per job
        // would add two frames or more per job.
        var frames = WalFrames() - walBefore;
        Assert.True(frames < Count, $"{frames} WAL frames for {Count} jobs: they were not committed together");
    }

    [Fact]
    public async Task The_same_update_stored_twice_at_once_is_one_job_and_one_duplicate()
    {
        var both = await Task.WhenAll(
            _store.TryAddAsync(Job(7), "me", TimeSpan.FromMinutes(1), default),
            _store.TryAddAsync(Job(7), "other", TimeSpan.FromMinutes(1), default));

        Assert.Equal([false, true], both.Order());
        Assert.Equal(1, await _store.CountOpenAsync(default));
    }

    [Fact]
    public async Task A_failing_write_fails_alone_and_the_writes_beside_it_are_stored()
    {
        using var writes = new SqliteGroupCommit(_database);
        await _store.CountOpenAsync(default);
        var good = Enumerable.Range(0, 20).Select(i => writes.WriteAsync(command =>
        {
            command.CommandText = "INSERT INTO jobs (id, payload, created_at) VALUES ($id, '{}', 0);";
            command.Parameters.AddWithValue("$id", "good" + i);
            return command.ExecuteNonQuery();
        }, default)).ToList();
        var bad = writes.WriteAsync(command =>
        {
            command.CommandText = "INSERT INTO no_such_table VALUES (1);";
            return command.ExecuteNonQuery();
        }, default);

        var failure = await Assert.ThrowsAsync<JobStoreException>(() => bad);
        Assert.Contains("no such table", failure.Message, StringComparison.Ordinal);
        Assert.All(await Task.WhenAll(good), rows => Assert.Equal(1, rows));
        Assert.Equal(20, await _store.CountOpenAsync(default));
    }

    [Fact]
    public async Task A_write_after_the_store_is_closed_is_refused_with_a_store_error()
    {
        _store.Dispose();

        var failure = await Assert.ThrowsAsync<JobStoreException>(() => _store.TryAddAsync(Job(1), "me", TimeSpan.FromMinutes(1), default));

        Assert.Contains("closed", failure.Message, StringComparison.Ordinal);
    }

    private static JobRecord Job(int i) => new((1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), 42, 1, 42, "en", ["https://example.com/" + i], UserSettings.Default);

    /// <summary>Frames in the write-ahead log: its size past the 32-byte header, over a frame's size (24-byte header and a page).</summary>
    private long WalFrames()
    {
        var wal = new FileInfo(_database.Path + "-wal");
        return wal.Exists && wal.Length > 32 ? (wal.Length - 32) / (24 + 4096) : 0;
    }
}
