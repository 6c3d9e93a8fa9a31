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
/// A playlist, channel or profile link is answered with "This playlist has N videos" and a button that sends the first
/// <c>Telegram:PlaylistBatch</c> of them, then one for the next batch. Only a flat listing is read (titles and links, the
/// entries asked for and no more); each video then goes through the ordinary pipeline as a link of its own: its own cache entry,
/// the user's limits counted per video. A video inside a playlist (YouTube's <c>watch?v=…&amp;list=…</c>) asks first: this
/// video, or the playlist. Buttons carry <c>pl:OP:TOKEN[:START]</c>; the offer behind the token is in <see cref="PlaylistStore"/>.
/// </summary>
internal sealed partial class PlaylistOffers(
    YtDlpEngine ytDlp,
    PlaylistStore store,
    IRouter router,
    ErrorMessages errors,
    MessageCatalog messages,
    ITelegramBotClient bot,
    TelegramRetry retry,
    IOptions<TelegramOptions> options,
    ILogger<PlaylistOffers> logger) : IPlaylistOffers
{
    public const string Prefix = "pl:";

    /// <summary>Answers a link that <see cref="PlaylistLinks"/> marked a playlist (from the link's job).</summary>
    public async Task OfferAsync(LinkRequest request, RouteCandidate candidate, CancellationToken cancellationToken)
    {
        var offer = new PlaylistOffer(candidate.Url!.AbsoluteUri, request.UserId, request.Chat, request.ReplyTo, request.Language);
        var token = await store.AddAsync(offer, cancellationToken);
        if (PlaylistLinks.IsVideoInPlaylist(candidate))
        {
            var buttons = new InlineKeyboardMarkup([[
                InlineKeyboardButton.WithCallbackData(messages.Plain(offer.Language, "playlist.button.video"), $"{Prefix}v:{token}"),
                InlineKeyboardButton.WithCallbackData(messages.Plain(offer.Language, "playlist.button.playlist"), $"{Prefix}l:{token}"),
            ]]);
            await SendAsync(offer, messages.Html(offer.Language, "playlist.which"), buttons, cancellationToken);
            return;
        }

        var (html, markup) = await DescribeAsync(offer, token, cancellationToken);
        await SendAsync(offer, html, markup, cancellationToken);
    }

    /// <summary>The offer's text and first button, from a listing of the first batch.</summary>
    public async Task<(string Html, InlineKeyboardMarkup? Buttons)> DescribeAsync(PlaylistOffer offer, string token, CancellationToken cancellationToken)
    {
        var batch = options.Value.PlaylistBatch;
        PlaylistPage page;
        try
        {
            page = await ListAsync(offer, 1, batch, cancellationToken);
        }
        catch (ExtractionException e)
        {
            LogListingFailed(e, e.Kind);
            return (errors.Describe(e, offer.Language, options.Value.UploadLimit), null);
        }

        if (page.Entries.Count == 0)
        {
            return (messages.Html(offer.Language, "playlist.empty"), null);
        }

        var title = page.Title ?? messages.Plain(offer.Language, "playlist.untitled");
        var html = page.Count is { } count
            ? messages.Html(offer.Language, "playlist.count", ("count", count), ("title", title))
            : messages.Html(offer.Language, "playlist.count_unknown", ("title", title));
        var first = Math.Min(batch, page.Count ?? batch);
        return (html, Button(offer.Language, "playlist.button.first", first, token, 0));
    }

    /// <summary>Entries <paramref name="first"/> on (1-based), at most <paramref name="count"/>.</summary>
    public Task<PlaylistPage> ListAsync(PlaylistOffer offer, int first, int count, CancellationToken cancellationToken)
    {
        // Routed again, as when it was offered: the plugin that claims it, and whether yt-dlp's generic extractor may list it.
        if (router.Route(offer.Url) is not { } route || PlaylistLinks.PlaylistOf(route) is not { } candidate)
        {
            throw new ExtractionException(ExtractionErrorKind.UnsupportedUrl, "The playlist link no longer routes to a plugin that lists it.");
        }

        var request = new YtDlpRequest(candidate.Url!) { AllowGenericExtractor = candidate.Plugin.IsGenericFallback };
        return ytDlp.ListAsync(request, candidate.Plugin.Id, first, count, cancellationToken);
    }

    public InlineKeyboardMarkup Button(string language, string key, int count, string token, int start) =>
        new(InlineKeyboardButton.WithCallbackData(
            messages.Plain(language, key, ("count", count)), $"{Prefix}n:{token}:{start.ToString(CultureInfo.InvariantCulture)}"));

    private Task SendAsync(PlaylistOffer offer, string html, InlineKeyboardMarkup? buttons, CancellationToken cancellationToken) =>
        retry.RunAsync(ct => bot.SendMessage(offer.ChatId, html, ParseMode.Html, Reply.To(offer.ReplyTo), replyMarkup: buttons, cancellationToken: ct), cancellationToken);

    [LoggerMessage(EventId = 7121, Level = LogLevel.Warning, Message = "Listing a playlist failed: {Kind}")]
    public partial void LogListingFailed(Exception exception, ExtractionErrorKind kind);
}
