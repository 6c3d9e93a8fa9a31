using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using VideoBot.Host.Caching;
using VideoBot.Host.Configuration;
using VideoBot.Host.Extraction;
using VideoBot.Host.Jobs;

using VideoBot.Host.Messages;
using VideoBot.Host.Routing;
using VideoBot.Host.Telegram.Dispatch;
using VideoBot.Host.Pipeline;
using VideoBot.Host.Pipeline.Stages;
using VideoBot.Host.Admission;

namespace VideoBot.Host.Telegram.Choices;

/// <summary>
/// "Ask each time": describes the link (the extraction is kept for <c>Cache:MetadataMinutes</c>, so the job after the press
/// reuses it) and answers with one button per quality. Runs in the background as one of the user's jobs, so the update worker
/// is free at once and <c>/cancel</c> stops it. A link with nothing to choose between is fetched straight away.
/// </summary>
internal sealed class QualityPrompt(
    IRouter router,
    ExtractStage extract,
    PendingChoices pending,
    JobTracker jobs,
    JobStarter starter,
    ErrorMessages errors,
    MessageCatalog messages,
    ITelegramBotClient bot,
    TelegramRetry retry,
    IOptions<TelegramOptions> telegram,
    IOptions<LimitsOptions> limits)
{
    public async Task AskAsync(ChoiceRequest request, CancellationToken cancellationToken)
    {
        if (!jobs.TryStart(request.UserId, ct => RunAsync(request, ct)))
        {
            await SendAsync(request, messages.Html(request.Language, "error.busy", ("count", limits.Value.MaxJobsPerUser)), null, cancellationToken);
        }
    }

    private async Task RunAsync(ChoiceRequest request, CancellationToken cancellationToken)
    {
        var route = router.Route(request.Link);
        var direct = request.Settings with { AskQuality = false };
        if (route.Url is null || route.Candidates.Count == 0)
        {
            // Unusable or unclaimed: the job says why, in its usual words.
            await starter.StartAsync(Record(request, DirectId(), direct), cancellationToken);
            return;
        }

        ExtractionOutcome outcome;
        try
        {
            outcome = await extract.DescribeAsync(route, Platform.Of(route), route.Url.AbsoluteUri, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await SendAsync(request, errors.Describe(e, request.Language, telegram.Value.UploadLimit), null, cancellationToken);
            return;
        }

        var options = QualityOptions.Build(outcome.Post, outcome.Via is not null, request.Settings, telegram.Value.UploadLimit, messages, request.Language);
        if (options.Count < 2)
        {
            await starter.StartAsync(Record(request, DirectId(), direct), cancellationToken);
            return;
        }

        var token = await pending.AddAsync(new PendingChoice(request, options), cancellationToken);
        var keyboard = new InlineKeyboardMarkup(options.Select((o, i) => new[] { InlineKeyboardButton.WithCallbackData(o.Label, QualityButtons.Data(token, i)) }));
        await SendAsync(request, messages.Html(request.Language, "quality.ask"), keyboard, cancellationToken);
    }

    /// <summary>A job started without a question is not an update: it gets an id of its own.</summary>
    private static string DirectId() => "q-" + Guid.NewGuid().ToString("N");

    /// <summary>The job for a link, as <see cref="LinkSubmitter"/> stores it.</summary>
    public static JobRecord Record(ChoiceRequest request, string id, UserSettings settings) =>
        new(id, request.ChatId, request.ReplyTo, request.UserId, request.Language, [request.Link], settings);

    private Task SendAsync(ChoiceRequest request, string html, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken) =>
        retry.RunAsync(ct => bot.SendMessage(request.ChatId, html, ParseMode.Html, Reply.To(request.ReplyTo), replyMarkup: keyboard, cancellationToken: ct),
            cancellationToken);
}
