using System.Globalization;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using VideoBot.Host.Caching;
using VideoBot.Host.Messages;
using VideoBot.Host.Pipeline;

namespace VideoBot.Host.Telegram.Commands;

/// <summary>
/// /settings: the user's quality, send-as and sound-only choices, with inline buttons. A press (<c>s:q:720</c>, <c>s:as:document</c>,
/// <c>s:audio:1</c>) saves the choice and redraws the message in place.
/// </summary>
internal sealed class SettingsCommand(
    UserSettingsStore store, MessageCatalog messages, ITelegramBotClient bot, TelegramRetry retry)
{
    private const string Mark = "✓ ";

    public async Task ShowAsync(Message message, string language, CancellationToken cancellationToken)
    {
        var settings = await store.GetAsync(message.From!.Id, cancellationToken);
        await retry.RunAsync(ct => bot.SendMessage(message.Chat.Id, Text(settings, language), ParseMode.Html, Reply.To(message.Id),
            replyMarkup: Keyboard(settings, language), cancellationToken: ct), cancellationToken);
    }

    public async Task HandleCallbackAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        var language = MessageCatalog.LanguageOf(query.From.LanguageCode);
        var current = await store.GetAsync(query.From.Id, cancellationToken);
        var updated = Apply(current, query.Data);
        if (updated is null)
        {
            await bot.AnswerCallbackQuery(query.Id, cancellationToken: cancellationToken);
            return;
        }

        await store.SaveAsync(query.From.Id, updated, cancellationToken);
        await bot.AnswerCallbackQuery(query.Id, messages.Plain(language, "settings.saved"), cancellationToken: cancellationToken);
        if (query.Message is { } shown)
        {
            try
            {
                await retry.RunAsync(ct => bot.EditMessageText(shown.Chat.Id, shown.Id, Text(updated, language), ParseMode.Html,
                    replyMarkup: Keyboard(updated, language), cancellationToken: ct), cancellationToken);
            }
            catch (ApiRequestException e) when (TelegramErrors.IsNotModified(e))
            {
                // The same button pressed twice: nothing to redraw.
            }
        }
    }

    /// <summary>The settings after a button press, or null for data that is not ours.</summary>
    public static UserSettings? Apply(UserSettings settings, string? data) => data?.Split(':') switch
    {
        ["s", "q", var q] when int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var height)
                               && UserSettings.Qualities.Contains(height == 0 ? null : height)
            => settings with { MaxHeight = height == 0 ? null : height },
        ["s", "as", "video"] => settings with { SendAs = SendAs.Video },
        ["s", "as", "document"] => settings with { SendAs = SendAs.Document },
        ["s", "audio", "1"] => settings with { AudioOnly = true },
        ["s", "audio", "0"] => settings with { AudioOnly = false },
        ["s", "slides", "1"] => settings with { SlideshowAsVideo = true },
        ["s", "slides", "0"] => settings with { SlideshowAsVideo = false },
        _ => MediaSettingsButtons.Apply(settings, data),
    };

    private string Text(UserSettings settings, string language) =>
        messages.Html(language, "settings.title",
            ("quality", QualityName(settings.MaxHeight, language)),
            ("send_as", messages.Plain(language, settings.SendAs == SendAs.Document ? "settings.send_as.document" : "settings.send_as.video")),
            ("audio", messages.Plain(language, settings.AudioOnly ? "settings.on" : "settings.off")))
        + "\n" + messages.Html(language, "settings.slideshow", ("value", messages.Plain(language, settings.SlideshowAsVideo ? "settings.on" : "settings.off")))
        + "\n" + MediaSettingsButtons.Text(messages, settings, language);

    private InlineKeyboardMarkup Keyboard(UserSettings settings, string language)
    {
        var qualities = UserSettings.Qualities.Select(q => InlineKeyboardButton.WithCallbackData(
            (q == settings.MaxHeight ? Mark : string.Empty) + QualityName(q, language),
            "s:q:" + (q ?? 0).ToString(CultureInfo.InvariantCulture)));
        var sendAs = new[] { SendAs.Video, SendAs.Document }.Select(kind => InlineKeyboardButton.WithCallbackData(
            (kind == settings.SendAs ? Mark : string.Empty) + messages.Plain(language, kind == SendAs.Document ? "settings.send_as.document" : "settings.send_as.video"),
            kind == SendAs.Document ? "s:as:document" : "s:as:video"));
        var audio = InlineKeyboardButton.WithCallbackData(
            messages.Plain(language, "settings.button.audio", ("value", messages.Plain(language, settings.AudioOnly ? "settings.on" : "settings.off"))),
            settings.AudioOnly ? "s:audio:0" : "s:audio:1");
        var slides = InlineKeyboardButton.WithCallbackData(
            messages.Plain(language, "settings.button.slideshow", ("value", messages.Plain(language, settings.SlideshowAsVideo ? "settings.on" : "settings.off"))),
            settings.SlideshowAsVideo ? "s:slides:0" : "s:slides:1");
        return new InlineKeyboardMarkup([[.. qualities], [.. sendAs], [audio], [slides], .. MediaSettingsButtons.Rows(messages, settings, language)]);
    }

    private string QualityName(int? height, string language) => height is { } h
        ? messages.Plain(language, "settings.quality.height", ("height", h))
        : messages.Plain(language, "settings.quality.best");
}
