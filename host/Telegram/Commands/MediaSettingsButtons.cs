using Telegram.Bot.Types.ReplyMarkups;
using VideoBot.Host.Caching;
using VideoBot.Host.Messages;

namespace VideoBot.Host.Telegram.Commands;

/// <summary>
/// The /settings rows for the quality choice, subtitles, the sound format and precise cuts: <c>s:ask:1</c>, <c>s:sub:file</c>,
/// <c>s:af:mp3</c>, <c>s:pc:1</c>. Each button shows the current value and moves to the next one.
/// </summary>
internal static class MediaSettingsButtons
{
    /// <summary>The settings after one of these buttons, or null for data that is not one of them.</summary>
    public static UserSettings? Apply(UserSettings settings, string? data) => data?.Split(':') switch
    {
        ["s", "ask", "1"] => settings with { AskQuality = true },
        ["s", "ask", "0"] => settings with { AskQuality = false },
        ["s", "sub", "off"] => settings with { Subtitles = SubtitleMode.Off },
        ["s", "sub", "embedded"] => settings with { Subtitles = SubtitleMode.Embedded },
        ["s", "sub", "file"] => settings with { Subtitles = SubtitleMode.File },
        ["s", "af", "m4a"] => settings with { AudioFormat = AudioFormat.M4a },
        ["s", "af", "mp3"] => settings with { AudioFormat = AudioFormat.Mp3 },
        ["s", "pc", "1"] => settings with { PreciseCuts = true },
        ["s", "pc", "0"] => settings with { PreciseCuts = false },
        _ => null,
    };

    public static string Text(MessageCatalog messages, UserSettings settings, string language) =>
        messages.Html(language, "settings.media",
            ("ask", OnOff(messages, settings.AskQuality, language)),
            ("subtitles", SubtitleName(messages, settings.Subtitles, language)),
            ("audio_format", settings.AudioFormat == AudioFormat.Mp3 ? "MP3" : "M4A"),
            ("precise", OnOff(messages, settings.PreciseCuts, language)));

    public static IEnumerable<InlineKeyboardButton[]> Rows(MessageCatalog messages, UserSettings settings, string language)
    {
        yield return
        [
            InlineKeyboardButton.WithCallbackData(
                messages.Plain(language, "settings.button.ask", ("value", OnOff(messages, settings.AskQuality, language))),
                settings.AskQuality ? "s:ask:0" : "s:ask:1"),
        ];
        var nextSubtitles = settings.Subtitles switch
        {
            SubtitleMode.Off => "embedded",
            SubtitleMode.Embedded => "file",
            _ => "off",
        };
        yield return
        [
            InlineKeyboardButton.WithCallbackData(
                messages.Plain(language, "settings.button.subtitles", ("value", SubtitleName(messages, settings.Subtitles, language))),
                "s:sub:" + nextSubtitles),
        ];
        yield return
        [
            InlineKeyboardButton.WithCallbackData(
                messages.Plain(language, "settings.button.audio_format", ("value", settings.AudioFormat == AudioFormat.Mp3 ? "MP3" : "M4A")),
                settings.AudioFormat == AudioFormat.Mp3 ? "s:af:m4a" : "s:af:mp3"),
            InlineKeyboardButton.WithCallbackData(
                messages.Plain(language, "settings.button.precise", ("value", OnOff(messages, settings.PreciseCuts, language))),
                settings.PreciseCuts ? "s:pc:0" : "s:pc:1"),
        ];
    }

    private static string OnOff(MessageCatalog messages, bool on, string language) =>
        messages.Plain(language, on ? "settings.on" : "settings.off");

    private static string SubtitleName(MessageCatalog messages, SubtitleMode mode, string language) =>
        messages.Plain(language, mode switch
        {
            SubtitleMode.Embedded => "settings.subtitles.embedded",
            SubtitleMode.File => "settings.subtitles.file",
            _ => "settings.off",
        });
}
