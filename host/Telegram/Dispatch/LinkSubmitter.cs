using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Caching;
using VideoBot.Host.Configuration;
using VideoBot.Host.Jobs;
using VideoBot.Host.Messages;
using VideoBot.Host.Telegram.Choices;
using VideoBot.Host.Telegram.Groups;
using VideoBot.Host.Pipeline;
using VideoBot.Host.Media;

namespace VideoBot.Host.Telegram.Dispatch;

/// <summary>
/// Turns a user's links into work: reads their settings (and the subtitle language from their Telegram language), checks a
/// clip range asked for with them, then either asks which quality (the "Ask each time" setting) or stores and starts the job
/// within the limits. Used for plain messages, <c>/clip</c> and quality button presses alike.
/// </summary>
internal sealed class LinkSubmitter(
    JobStarter starter,
    UserSettingsStore settingsStore,
    QualityPrompt prompt,
    QuietFailures quietFailures,
    MessageCatalog messages,
    ITelegramBotClient bot,
    TelegramRetry retry,
    IOptions<LimitsOptions> limits)
{
    /// <summary>Answers <paramref name="links"/> of <paramref name="message"/>, cut to <paramref name="clip"/> when one was given.</summary>
    /// <param name="jobId">The job's id: the update id, or another id unique to the request (a redelivery must give the same one).</param>
    /// <param name="quiet">Picked up by a group's <c>/autodetect</c>: failures are a reaction, not a message.</param>
    public async Task SubmitAsync(
        Message message, string jobId, string language, IReadOnlyList<string> links, ClipWords clip, bool quiet, CancellationToken cancellationToken)
    {
        var user = message.From!;
        var settings = await settingsStore.GetAsync(user.Id, cancellationToken) with { SubtitleLanguage = SubtitleLanguageOf(user.LanguageCode) };
        if (clip.Given)
        {
            if (RefuseClip(clip, links.Count, language) is { } refusal)
            {
                await (quiet ? quietFailures.ReactAsync(message.Chat.Id, message.Id, cancellationToken) : SendAsync(message.Chat.Id, message.Id, refusal, cancellationToken));
                return;
            }

            settings = settings with { Clip = clip.Range! with { Precise = clip.Precise || settings.PreciseCuts } };
        }

        if (settings.AskQuality)
        {
            foreach (var link in links)
            {
                await prompt.AskAsync(new ChoiceRequest(message.Chat.Id, message.Id, user.Id, language, link, settings), cancellationToken);
            }

            return;
        }

        await starter.StartAsync(new JobRecord(jobId, message.Chat.Id, message.Id, user.Id, language, links, settings, Quiet: quiet), cancellationToken);
    }

    /// <summary>The reply refusing a clip, or null when it may be fetched.</summary>
    public string? RefuseClip(ClipWords clip, int links, string language)
    {
        if (clip.Error is { } error)
        {
            return messages.Html(language, error switch
            {
                ClipRangeError.BadTime => "clip.bad_time",
                ClipRangeError.EndBeforeStart => "clip.end_before_start",
                _ => "clip.bad_shape",
            });
        }

        if (links != 1)
        {
            return messages.Html(language, "clip.one_link");
        }

        var max = TimeSpan.FromSeconds(limits.Value.MaxClipSeconds);
        return clip.Range!.Length > max
            ? messages.Html(language, "clip.too_long", ("length", Formats.Duration(clip.Range.Length)), ("limit", Formats.Duration(max)))
            : null;
    }

    /// <summary>The primary language subtag of the user's Telegram language (<c>pt-br</c> → <c>pt</c>), English when there is none.</summary>
    public static string SubtitleLanguageOf(string? languageCode)
    {
        var primary = (languageCode ?? string.Empty).Split('-', '_')[0].ToLowerInvariant();
        return primary.Length is 2 or 3 && primary.All(char.IsAsciiLetterLower) ? primary : "en";
    }

    private Task SendAsync(ChatId chat, int replyTo, string html, CancellationToken cancellationToken) =>
        retry.RunAsync(ct => bot.SendMessage(chat, html, ParseMode.Html, Reply.To(replyTo), cancellationToken: ct), cancellationToken);
}
