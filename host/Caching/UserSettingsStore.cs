namespace VideoBot.Host.Caching;

/// <summary>Per-user settings in the bot's SQLite file; users who never changed anything have no row.</summary>
internal sealed class UserSettingsStore(BotDatabase database, TimeProvider time)
{
    public async Task<UserSettings> GetAsync(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT quality, send_as, audio_only, ask_quality, subtitles, audio_format, precise_cuts, slideshow_video FROM user_settings WHERE user_id = $user;";
        command.Parameters.AddWithValue("$user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return UserSettings.Default;
        }

        var quality = reader.GetInt32(0);
        return new UserSettings(
            quality > 0 ? quality : null,
            Enum.TryParse<SendAs>(reader.GetString(1), ignoreCase: true, out var sendAs) ? sendAs : SendAs.Video,
            reader.GetInt64(2) != 0,
            reader.GetInt64(7) != 0)
        {
            AskQuality = reader.GetInt64(3) != 0,
            Subtitles = Enum.TryParse<SubtitleMode>(reader.GetString(4), ignoreCase: true, out var subtitles) ? subtitles : SubtitleMode.Off,
            AudioFormat = Enum.TryParse<AudioFormat>(reader.GetString(5), ignoreCase: true, out var audio) ? audio : AudioFormat.M4a,
            PreciseCuts = reader.GetInt64(6) != 0,
        };
    }

    public async Task SaveAsync(long userId, UserSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO user_settings (user_id, quality, send_as, audio_only, ask_quality, subtitles, audio_format, precise_cuts, slideshow_video, updated_at)
            VALUES ($user, $quality, $sendAs, $audio, $ask, $subtitles, $audioFormat, $precise, $slides, $now)
            ON CONFLICT (user_id) DO UPDATE SET quality = excluded.quality, send_as = excluded.send_as,
                audio_only = excluded.audio_only, ask_quality = excluded.ask_quality, subtitles = excluded.subtitles,
                audio_format = excluded.audio_format, precise_cuts = excluded.precise_cuts, slideshow_video = excluded.slideshow_video,
                updated_at = excluded.updated_at;
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$quality", settings.MaxHeight ?? 0);
        command.Parameters.AddWithValue("$sendAs", settings.SendAs.ToString());
        command.Parameters.AddWithValue("$audio", settings.AudioOnly ? 1 : 0);
        command.Parameters.AddWithValue("$slides", settings.SlideshowAsVideo ? 1 : 0);
        command.Parameters.AddWithValue("$ask", settings.AskQuality ? 1 : 0);
        command.Parameters.AddWithValue("$subtitles", settings.Subtitles.ToString());
        command.Parameters.AddWithValue("$audioFormat", settings.AudioFormat.ToString());
        command.Parameters.AddWithValue("$precise", settings.PreciseCuts ? 1 : 0);
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeSeconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM user_settings;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
