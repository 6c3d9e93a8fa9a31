using Microsoft.Data.Sqlite;

namespace VideoBot.Host.Caching;

/// <summary>
/// The <c>user_settings</c> columns added after the table's first version (quality choice, subtitles, sound format, precise
/// cuts, slideshows as video). Added in place to a database that lacks them, with defaults that keep every earlier user's behaviour.
/// </summary>
internal static class UserSettingsColumns
{
    private static readonly (string Name, string Definition)[] Added =
    [
        ("ask_quality", "INTEGER NOT NULL DEFAULT 0"),
        ("subtitles", "TEXT NOT NULL DEFAULT 'Off'"),
        ("audio_format", "TEXT NOT NULL DEFAULT 'M4a'"),
        ("precise_cuts", "INTEGER NOT NULL DEFAULT 0"),
        ("slideshow_video", "INTEGER NOT NULL DEFAULT 0"),
    ];

    public static async Task AddMissingAsync(SqliteConnection connection)
    {
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "PRAGMA table_info(user_settings);";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                present.Add(reader.GetString(1));
            }
        }

        foreach (var (name, definition) in Added.Where(c => !present.Contains(c.Name)))
        {
            await using var alter = connection.CreateCommand();
            // Names and definitions are constants of this class, never input.
            alter.CommandText = $"ALTER TABLE user_settings ADD COLUMN {name} {definition};";
            await alter.ExecuteNonQueryAsync();
        }
    }
}
