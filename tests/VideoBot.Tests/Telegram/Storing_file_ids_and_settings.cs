using VideoBot.Host.Caching;

// Not VideoBot.Tests.Telegram: that namespace would shadow Telegram.Bot for every test under VideoBot.Tests.
namespace VideoBot.Tests.TelegramBot;

public sealed class Storing_file_ids_and_settings : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "videobot-bot-db-" + Guid.NewGuid().ToString("N"));

    private BotDatabase Open() => new(Path.Combine(_directory, "bot.db"));

    [Fact]
    public async Task The_database_uses_write_ahead_logging()
    {
        var database = Open();
        await using var connection = await database.OpenAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task User_settings_default_until_saved_and_survive_a_restart()
    {
        var store = new UserSettingsStore(Open(), TimeProvider.System);
        Assert.Equal(UserSettings.Default, await store.GetAsync(42, default));

        await store.SaveAsync(42, new UserSettings(480, SendAs.Document, AudioOnly: true), default);

        Assert.Equal(new UserSettings(480, SendAs.Document, true), await new UserSettingsStore(Open(), TimeProvider.System).GetAsync(42, default));
        Assert.Equal(UserSettings.Default, await store.GetAsync(43, default));
    }

    [Theory]
    [InlineData(null, "Video", false, "video:best")]
    [InlineData(720, "Video", false, "video:720")]
    [InlineData(480, "Document", false, "document:480")]
    [InlineData(720, "Document", true, "audio")]
    public void The_cache_key_names_what_the_settings_produce(int? height, string sendAs, bool audio, string expected) =>
        Assert.Equal(expected, new UserSettings(height, Enum.Parse<SendAs>(sendAs), audio).Choice);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
