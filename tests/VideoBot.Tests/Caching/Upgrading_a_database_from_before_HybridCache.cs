using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoBot.Host.Caching;
using VideoBot.Host.Hosting;
using VideoBot.Host.Telegram;
using VideoBot.Tests.Downloading;

namespace VideoBot.Tests.Caching;

/// <summary>
/// A <c>bot.db</c> written before the cache moved to HybridCache keeps its answers in a <c>file_cache</c> table. The bot, as
/// registered, moves them into the cache once while it starts and drops the table: the answers are found afterwards, also
/// after a restart, and nothing reads the old table again.
/// </summary>
public sealed class Upgrading_a_database_from_before_HybridCache : IDisposable
{
    private readonly TempFolder _storage = new();

    [Fact]
    public async Task Answers_stored_by_an_earlier_version_are_found_after_the_upgrade_and_after_a_restart()
    {
        var day = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds();
        await WriteEarlierVersionAsync(
            ("https://x.example/v/1", "video:best", """{"files":[{"kind":"video","fileId":"AAA","label":null},{"kind":"photo","fileId":"BBB","label":"2/2"}],"caption":"<b>t</b>"}""", day),
            ("https://x.example/'; DROP TABLE cache_entries; --", "audio", """{"files":[{"kind":"audio","fileId":"CCC"}],"caption":null}""", day));

        await using (var bot = await StartAsync())
        {
            var cache = bot.GetRequiredService<MediaCache>();
            var found = await cache.FindAsync("https://x.example/v/1", "video:best", default);
            Assert.NotNull(found);
            Assert.Equal([new SentFile(SentKind.Video, "AAA"), new SentFile(SentKind.Photo, "BBB") { Label = "2/2" }], found.Files);
            Assert.Equal("<b>t</b>", found.Caption);
            Assert.Null(await cache.FindAsync("https://x.example/v/1", "audio", default));
            Assert.False(await HasOldTableAsync(bot));
        }

        await using (var restarted = await StartAsync())
        {
            var cache = restarted.GetRequiredService<MediaCache>();
            Assert.Equal("AAA", (await cache.FindAsync("https://x.example/v/1", "video:best", default))!.Files[0].FileId);
            Assert.Equal("CCC", (await cache.FindAsync("https://x.example/'; DROP TABLE cache_entries; --", "audio", default))!.Files[0].FileId);
            Assert.Equal(2, await cache.CountAsync(default));
        }
    }

    [Fact]
    public async Task Answers_older_than_the_file_id_days_and_unreadable_rows_are_not_carried_over()
    {
        await WriteEarlierVersionAsync(
            ("https://x.example/old", "video:best", """{"files":[{"kind":"video","fileId":"OLD"}],"caption":null}""", DateTimeOffset.UtcNow.AddDays(-31).ToUnixTimeSeconds()),
            ("https://x.example/bad", "video:best", "{not json", DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        await using var bot = await StartAsync();
        var cache = bot.GetRequiredService<MediaCache>();

        Assert.Null(await cache.FindAsync("https://x.example/old", "video:best", default));
        Assert.Null(await cache.FindAsync("https://x.example/bad", "video:best", default));
        Assert.Equal(0, await cache.CountAsync(default));
        Assert.False(await HasOldTableAsync(bot));
    }

    [Fact]
    public async Task The_old_table_is_kept_when_the_cache_cannot_take_its_answers()
    {
        await WriteEarlierVersionAsync(
            ("https://x.example/v/1", "video:best", """{"files":[{"kind":"video","fileId":"AAA"}],"caption":null}""", DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        // A Redis nobody listens on: HybridCache logs each failed write and carries on.
        await using var bot = await StartAsync(("Cache:Redis", $"127.0.0.1:{ClosedPort()},connectTimeout=200,syncTimeout=200,asyncTimeout=200,abortConnect=false"));

        Assert.True(await HasOldTableAsync(bot));
    }

    [Fact]
    public async Task A_new_database_has_no_old_table_to_move()
    {
        await using var bot = await StartAsync();

        Assert.False(await HasOldTableAsync(bot));
        Assert.Equal(0, await bot.GetRequiredService<MediaCache>().CountAsync(default));
    }

    /// <summary>The table and its rows exactly as versions before HybridCache wrote them (payloads in web JSON, enum names in camel case).</summary>
    private async Task WriteEarlierVersionAsync(params (string Url, string Choice, string Payload, long CreatedAt)[] rows)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_storage.Path, "bot.db")}");
        await connection.OpenAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE file_cache (url TEXT NOT NULL, choice TEXT NOT NULL, payload TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (url, choice));
            CREATE TABLE user_settings (user_id INTEGER PRIMARY KEY, quality INTEGER NOT NULL, send_as TEXT NOT NULL, audio_only INTEGER NOT NULL, updated_at INTEGER NOT NULL);
            PRAGMA user_version = 1;
            """;
        await create.ExecuteNonQueryAsync();
        foreach (var (url, choice, payload, createdAt) in rows)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO file_cache (url, choice, payload, created_at) VALUES ($url, $choice, $payload, $at);";
            insert.Parameters.AddWithValue("$url", url);
            insert.Parameters.AddWithValue("$choice", choice);
            insert.Parameters.AddWithValue("$payload", payload);
            insert.Parameters.AddWithValue("$at", createdAt);
            await insert.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The bot's services as it registers them, with its database start-up run as the host runs it.</summary>
    private async Task<ServiceProvider> StartAsync(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = TelegramBot.Support.BotHarness.Token,
            ["Storage:Directory"] = _storage.Path,
            ["Plugins:Watch"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddVideoBotCore(configuration).AddVideoBotTelegram(configuration);
        var provider = services.BuildServiceProvider();
        await provider.GetServices<IHostedService>().OfType<DatabaseStartup>().Single().StartAsync(default);
        return provider;
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> HasOldTableAsync(IServiceProvider bot)
    {
        await using var connection = await bot.GetRequiredService<BotDatabase>().OpenAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'file_cache';";
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _storage.Dispose();
    }
}
