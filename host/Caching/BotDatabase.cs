using Microsoft.Data.Sqlite;

namespace VideoBot.Host.Caching;

/// <summary>
/// The bot's SQLite file (<c>bot.db</c> under <c>Storage:Directory</c>): the cache's persistent level, the job queue, user
/// settings. (The file_id table of earlier versions, <c>file_cache</c>, is moved into the cache at start by
/// <see cref="LegacyFileIds"/>.) WAL mode, so reads
/// never wait for a write; one short-lived pooled connection per operation, so it is safe from any thread.
/// </summary>
internal sealed class BotDatabase
{
    private const int SchemaVersion = 2;
    private readonly string _connectionString;
    private readonly Lazy<Task> _ready;

    public BotDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _ready = new Lazy<Task>(InitializeAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Path { get; }

    /// <summary>An open connection on an initialized database; dispose it when done.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _ready.Value.WaitAsync(cancellationToken);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 5000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private async Task InitializeAsync()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // WAL is a property of the file: set once, it stays. The tables are tiny; created_at lets an operator prune old entries.
        command.CommandText = $"""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS user_settings (
                user_id    INTEGER PRIMARY KEY,
                quality    INTEGER NOT NULL,
                send_as    TEXT    NOT NULL,
                audio_only INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS cache_entries (
                key        TEXT    PRIMARY KEY,
                value      BLOB    NOT NULL,
                expires_at INTEGER,
                sliding_ms INTEGER
            );
            CREATE TABLE IF NOT EXISTS jobs (
                id          TEXT    PRIMARY KEY,
                payload     TEXT    NOT NULL,
                done        INTEGER NOT NULL DEFAULT 0,
                attempts    INTEGER NOT NULL DEFAULT 1,
                finished    INTEGER NOT NULL DEFAULT 0,
                owner       TEXT,
                lease_until INTEGER NOT NULL DEFAULT 0,
                created_at  INTEGER NOT NULL,
                finished_at INTEGER
            );
            CREATE INDEX IF NOT EXISTS jobs_open ON jobs (finished, lease_until);
            PRAGMA user_version = {SchemaVersion};
            """;
        await command.ExecuteNonQueryAsync();
        await UserSettingsColumns.AddMissingAsync(connection);
    }
}
