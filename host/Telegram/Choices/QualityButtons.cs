using System.Globalization;
using System.Text.RegularExpressions;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Messages;
using VideoBot.Host.Telegram.Dispatch;

namespace VideoBot.Host.Telegram.Choices;

/// <summary>
/// A press on a quality button (<c>q:TOKEN:N</c>). Every press is answered: an expired or used question, a message that is gone,
/// someone other than the asker, and garbage or forged data each get their own short answer; a valid press starts the job with
/// that option's settings and turns the question into "Chosen: …". The job's id is the question's, so pressing twice (or on two
/// instances) runs one job.
/// </summary>
internal sealed partial class QualityButtons(PendingChoices pending, JobStarter starter, MessageCatalog messages, ITelegramBotClient bot, TelegramRetry retry)
{
    public const string Prefix = "q:";

    public static string Data(string token, int index) => Prefix + token + ":" + index.ToString(CultureInfo.InvariantCulture);

    public async Task HandleCallbackAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        var language = MessageCatalog.LanguageOf(query.From.LanguageCode);
        var match = DataShape().Match(query.Data ?? string.Empty);
        if (!match.Success)
        {
            await AnswerAsync(query, messages.Plain(language, "quality.invalid"), cancellationToken);
            return;
        }

        var token = match.Groups["token"].Value;
        var choice = await pending.GetAsync(token, cancellationToken);
        if (choice is null)
        {
            await AnswerAsync(query, messages.Plain(language, "quality.expired"), cancellationToken);
            return;
        }

        language = choice.Request.Language;
        if (query.From.Id != choice.Request.UserId)
        {
            await AnswerAsync(query, messages.Plain(language, "quality.not_yours"), cancellationToken);
            return;
        }

        // Telegram sends an inaccessible message (date 0) when the question was deleted or is too old to show.
        if (query.Message is not { } shown || shown.Date <= DateTime.UnixEpoch || shown.Chat.Id != choice.Request.ChatId)
        {
            await pending.RemoveAsync(token, cancellationToken);
            await AnswerAsync(query, messages.Plain(language, "quality.message_gone"), cancellationToken);
            return;
        }

        var index = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
        if (index >= choice.Options.Count)
        {
            await AnswerAsync(query, messages.Plain(language, "quality.invalid"), cancellationToken);
            return;
        }

        var option = choice.Options[index];
        await pending.RemoveAsync(token, cancellationToken);
        await AnswerAsync(query, messages.Plain(language, "quality.starting", ("choice", option.Label)), cancellationToken);
        try
        {
            await retry.RunAsync(ct => bot.EditMessageText(shown.Chat.Id, shown.Id, messages.Html(language, "quality.chosen", ("choice", option.Label)),
                ParseMode.Html, cancellationToken: ct), cancellationToken);
        }
        catch (ApiRequestException)
        {
            // Deleted meanwhile: the job answers the user's own message anyway.
        }

        await starter.StartAsync(QualityPrompt.Record(choice.Request, "q-" + token, option.Settings), cancellationToken);
    }

    private Task AnswerAsync(CallbackQuery query, string text, CancellationToken cancellationToken) =>
        retry.RunAsync(ct => bot.AnswerCallbackQuery(query.Id, text, cancellationToken: ct), cancellationToken);

    [GeneratedRegex(@"^q:(?<token>[A-Za-z0-9_-]{16}):(?<index>[0-9])$", RegexOptions.CultureInvariant)]
    private static partial Regex DataShape();
}
