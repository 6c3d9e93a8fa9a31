using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using VideoBot.Host.Caching;

namespace VideoBot.Host.Jobs;

/// <summary>
/// The job store's writes, committed in groups: each caller still waits until its write is on disk (the database keeps
/// SQLite's <c>synchronous=FULL</c>), but the writes that arrive while one commit is being synced share the next commit and
/// its one fsync. A burst of links is a burst of job records; one at a time, each waited for its own fsync and for the
/// previous writer's. The writes run on one thread of their own, over one connection, so no writer meets another in SQLite's
/// busy handler and no thread-pool thread blocks on the disk.
/// </summary>
internal sealed class SqliteGroupCommit : IDisposable
{
    /// <summary>Writes per transaction at most, so one commit's latency stays bounded under any burst.</summary>
    private const int MaxBatch = 256;

    private readonly BotDatabase _database;
    private readonly BlockingCollection<Write> _writes = new();
    private readonly Thread _thread;
    private SqliteConnection? _connection;
    private int _disposed;

    public SqliteGroupCommit(BotDatabase database)
    {
        _database = database;
        _thread = new Thread(Run) { IsBackground = true, Name = "videobot job writes" };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> in the next commit; completes when that commit is durable.</summary>
    /// <exception cref="JobStoreException">The write or its commit failed, or the store is closed.</exception>
    public Task<T> WriteAsync<T>(Func<SqliteCommand, T> work, CancellationToken cancellationToken)
    {
        var write = new Write<T>(work, cancellationToken);
        try
        {
            _writes.Add(write, CancellationToken.None);
        }
        catch (InvalidOperationException e)
        {
            // Adding was completed: the host is shutting down.
            throw new JobStoreException($"The job queue in {_database.Path} is closed.", e);
        }

        return write.Result;
    }

    /// <summary>Commits what is queued, then stops. Safe to call twice (the container disposes the store under both its names).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _writes.CompleteAdding();
        _thread.Join();
        DropConnection();
        _writes.Dispose();
    }

    private void Run()
    {
        var batch = new List<Write>(MaxBatch);
        foreach (var first in _writes.GetConsumingEnumerable())
        {
            batch.Add(first);
            while (batch.Count < MaxBatch && _writes.TryTake(out var next))
            {
                batch.Add(next);
            }

            batch.RemoveAll(w => w.CancelIfRequested());
            if (batch.Count > 0)
            {
                Commit(batch);
            }

            batch.Clear();
        }
    }

    private void Commit(List<Write> batch)
    {
        try
        {
            RunInTransaction(batch);
            return;
        }
        catch (Exception e)
        {
            DropConnection();
            if (batch.Count == 1)
            {
                batch[0].Fail(Failure(_database, e));
                return;
            }
        }

        // One write failed the group (or the commit did): each alone now, so only the bad one fails.
        foreach (var write in batch)
        {
            try
            {
                RunInTransaction([write]);
            }
            catch (Exception e)
            {
                DropConnection();
                write.Fail(Failure(_database, e));
            }
        }
    }

    /// <summary>Runs the writes in one transaction; their callers learn the results only once it is committed.</summary>
    private void RunInTransaction(List<Write> writes)
    {
        var connection = Connection();
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            foreach (var write in writes)
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                write.Execute(command);
            }

            transaction.Commit();
        }

        foreach (var write in writes)
        {
            write.Complete();
        }
    }

    private SqliteConnection Connection()
    {
        if (_connection is null)
        {
            _connection = _database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        return _connection;
    }

    private void DropConnection()
    {
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>Whether <paramref name="e"/> is the database failing (unreachable, full, locked, unwritable), not a bug.</summary>
    internal static bool IsStoreFailure(Exception e) => e is SqliteException or IOException or UnauthorizedAccessException;

    /// <summary>A failure of the store is the store's (the caller's update stays unconfirmed); anything else is a bug, passed on as it is.</summary>
    internal static Exception Failure(BotDatabase database, Exception e) =>
        IsStoreFailure(e) ? new JobStoreException($"The job queue in {database.Path} failed: {e.Message}", e) : e;

    private abstract class Write
    {
        public abstract bool CancelIfRequested();

        public abstract void Execute(SqliteCommand command);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class Write<T>(Func<SqliteCommand, T> work, CancellationToken cancellationToken) : Write
    {
        // Continuations run on the pool, never on the writer's thread.
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _value;

        public Task<T> Result => _result.Task;

        public override bool CancelIfRequested() => cancellationToken.IsCancellationRequested && _result.TrySetCanceled(cancellationToken);

        public override void Execute(SqliteCommand command) => _value = work(command);

        public override void Complete() => _result.TrySetResult(_value!);

        public override void Fail(Exception exception) => _result.TrySetException(exception);
    }
}
