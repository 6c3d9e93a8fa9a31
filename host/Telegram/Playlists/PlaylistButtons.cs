using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using VideoBot.Host.Configuration;
using VideoBot.Host.Messages;
using VideoBot.Host.Routing;
using VideoBot.Host.Pipeline;
using VideoBot.Host.Pipeline.Output;
using VideoBot.Host.Pipeline.Stages;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Telegram.Playlists;

/// <summary>
/// The presses on a playlist offer's buttons (<c>pl:v:TOKEN</c> this video, <c>pl:l:TOKEN</c> the playlist,
/// <c>pl:n:TOKEN:START</c> the batch from START): only the user who sent the link may press them; an expired or forged button
/// and anyone else's press get an answer. A batch is listed, the offer edited to show the range and the next button, and the
/// videos started as one job.
/// </summary>
internal sealed partial class PlaylistButtons(
    PlaylistOffers offers,
    PlaylistStore store,
    PlaylistBatches batches,
    IRouter router,
    ErrorMessages errors,
    MessageCatalog messages,
    ITelegramBotClient bot,
    TelegramRetry retry,
    IOptions<TelegramOptions> options,
    ILogger<PlaylistButtons> logger)
{
    /// <summary>The highest entry a button may start at: past any real playlist, low enough that a forged number is harmless.</summary>
    private const int MaxStart = 100_000;

    public static bool Owns(string? data) => data?.StartsWith(PlaylistOffers.Prefix, StringComparison.Ordinal) == true;

    public async Task HandleCallbackAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        var language = MessageCatalog.LanguageOf(query.From.LanguageCode);
        var parts = query.Data!.Split(':');
        var offer = parts.Length is 3 or 4 ? await store.FindAsync(parts[2], cancellationToken) : null;
        var start = parts.Length == 4 && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s <= MaxStart ? s : (int?)null;
        var valid = offer is not null && (parts[1], start) is ("v" or "l", null) or ("n", not null);
        if (!valid)
        {
            await AnswerAsync(query, messages.Plain(language, "playlist.expired"), alert: true, cancellationToken);
            return;
        }

        if (offer!.UserId != query.From.Id)
        {
            await AnswerAsync(query, messages.Plain(language, "playlist.not_yours"), alert: true, cancellationToken);
            return;
        }

        var token = parts[2];
        switch (parts[1])
        {
            case "v":
                await AnswerAsync(query, null, alert: false, cancellationToken);
                await EditAsync(query, messages.Html(offer.Language, "playlist.chose_video"), null, cancellationToken);
                if (router.Route(offer.Url) is { } route && PlaylistLinks.PlaylistOf(route) is { } candidate)
                {
                    await batches.StartAsync(offer, $"pl:{token}:v", [PlaylistLinks.SingleVideo(candidate)], cancellationToken);
                }

                break;
            case "l":
                await AnswerAsync(query, null, alert: false, cancellationToken);
                var (html, markup) = await offers.DescribeAsync(offer, token, cancellationToken);
                await EditAsync(query, html, markup, cancellationToken);
                break;
            default:
                await AnswerAsync(query, messages.Plain(language, "playlist.sending"), alert: false, cancellationToken);
                await SendBatchAsync(query, offer, token, start!.Value, cancellationToken);
                break;
        }
    }

    private async Task SendBatchAsync(CallbackQuery query, PlaylistOffer offer, string token, int start, CancellationToken cancellationToken)
    {
        var batch = options.Value.PlaylistBatch;
        PlaylistPage page;
        try
        {
            page = await offers.ListAsync(offer, start + 1, batch, cancellationToken);
        }
        catch (ExtractionException e)
        {
            offers.LogListingFailed(e, e.Kind);
            await EditAsync(query, errors.Describe(e, offer.Language, options.Value.UploadLimit), null, cancellationToken);
            return;
        }

        if (page.Entries.Count == 0)
        {
            await EditAsync(query, messages.Html(offer.Language, "playlist.no_more"), null, cancellationToken);
            return;
        }

        var last = start + page.Entries.Count;
        var more = page.Count is { } total ? last < total : page.Entries.Count == batch;
        var html = page.Count is { } count
            ? messages.Html(offer.Language, "playlist.sending_range", ("from", start + 1), ("to", last), ("count", count))
            : messages.Html(offer.Language, "playlist.sending_range_unknown", ("from", start + 1), ("to", last));
        var next = more ? offers.Button(offer.Language, "playlist.button.next", Math.Min(batch, (page.Count ?? int.MaxValue) - last), token, last) : null;
        await EditAsync(query, html, next, cancellationToken);
        await batches.StartAsync(offer, $"pl:{token}:{start}", [.. page.Entries.Select(e => e.Url.AbsoluteUri)], cancellationToken);
    }

    private async Task EditAsync(CallbackQuery query, string html, InlineKeyboardMarkup? buttons, CancellationToken cancellationToken)
    {
        if (query.Message is not { } shown)
        {
            return;
        }

        try
        {
            await retry.RunAsync(ct => bot.EditMessageText(shown.Chat.Id, shown.Id, html, ParseMode.Html, replyMarkup: buttons, cancellationToken: ct), cancellationToken);
        }
        catch (ApiRequestException e) when (TelegramErrors.IsNotModified(e) || e.ErrorCode == 400)
        {
            // The same button pressed twice, or the message is gone: the batch itself still goes out.
            LogEditFailed(e);
        }
    }

    private Task AnswerAsync(CallbackQuery query, string? text, bool alert, CancellationToken cancellationToken) =>
        bot.AnswerCallbackQuery(query.Id, text, showAlert: alert, cancellationToken: cancellationToken);

    [LoggerMessage(EventId = 7122, Level = LogLevel.Debug, Message = "A playlist offer could not be edited")]
    private partial void LogEditFailed(Exception exception);
}
