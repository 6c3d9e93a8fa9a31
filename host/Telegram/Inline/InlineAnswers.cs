using System.Net;
using System.Text.RegularExpressions;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.InlineQueryResults;
using VideoBot.Host.Caching;
using VideoBot.Host.Messages;
using VideoBot.Host.Routing;

namespace VideoBot.Host.Telegram.Inline;

/// <summary>
/// Inline mode, <c>@bot LINK</c> in any chat. A link Telegram already holds the files of (the file_id cache, in the user's
/// choice first, then any other) is answered at once with those files (cached video, photo, audio, animation or document
/// results, at most 50). Any other link gets a button that opens the bot's private chat with the link in the deep link, where
/// the bot fetches it; the next inline query then finds it cached. A query without a link gets the hint. Nothing is fetched
/// inside an inline query: Telegram waits only a few seconds for the answer.
/// </summary>
internal sealed partial class InlineAnswers(
    IRouter router,
    MediaCache cache,
    UserSettingsStore settings,
    DeepLinks deepLinks,
    MessageCatalog messages,
    BotIdentity identity,
    ITelegramBotClient bot,
    TelegramRetry retry)
{
    /// <summary>Telegram's limit on results per answer.</summary>
    public const int MaxResults = 50;

    /// <summary>How long Telegram may reuse an answer with files (they do not change); misses are never reused.</summary>
    private const int CachedSeconds = 300;

    /// <summary>The start parameter of the hint's button: the plain /start greeting.</summary>
    private const string HelpParameter = "inline";

    public async Task HandleAsync(InlineQuery query, CancellationToken cancellationToken)
    {
        var language = MessageCatalog.LanguageOf(query.From.LanguageCode);
        var route = FindLink(query.Query) is { } link ? router.Route(link) : null;
        if (route?.Url is null || route.Candidates.Count == 0)
        {
            var hint = messages.Plain(language, route is null ? "inline.hint" : "inline.unsupported", ("bot", "@" + identity.Username));
            await AnswerAsync(query, [], new InlineQueryResultsButton { Text = hint, StartParameter = HelpParameter }, cancellationToken);
            return;
        }

        var url = route.Url.AbsoluteUri;
        if (await FindCachedAsync(query.From.Id, url, cancellationToken) is { } media)
        {
            await AnswerAsync(query, Results(media, language), null, cancellationToken);
            return;
        }

        var token = await deepLinks.TokenForAsync(url, cancellationToken);
        var button = new InlineQueryResultsButton { Text = messages.Plain(language, "inline.fetch_first"), StartParameter = token };
        await AnswerAsync(query, [], button, cancellationToken);
    }

    /// <summary>The first http(s) link in the query; a bare <c>host/path</c> gets https:// as Telegram's own link detection would.</summary>
    public static string? FindLink(string query)
    {
        foreach (var word in query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (Scheme().IsMatch(word))
            {
                return word;
            }

            if (BareHost().IsMatch(word))
            {
                return "https://" + word;
            }
        }

        return null;
    }

    private async Task<CachedMedia?> FindCachedAsync(long userId, string url, CancellationToken cancellationToken)
    {
        var preferred = (await settings.GetAsync(userId, cancellationToken)).Choice;
        foreach (var choice in CacheKeys.AllChoices().OrderBy(c => c == preferred ? 0 : 1))
        {
            if (await cache.FindAsync(url, choice, cancellationToken) is { } media)
            {
                return media;
            }
        }

        return null;
    }

    private List<InlineQueryResult> Results(CachedMedia media, string language)
    {
        var title = TitleOf(media.Caption) ?? messages.Plain(language, "inline.untitled");
        var results = new List<InlineQueryResult>();
        foreach (var (file, index) in media.Files.Take(MaxResults).Select((f, i) => (f, i)))
        {
            var id = "r" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var caption = index == 0 ? media.Caption : null;
            InlineQueryResult result = file.Kind switch
            {
                SentKind.Video => new InlineQueryResultCachedVideo(id, file.FileId, title) { Caption = caption, ParseMode = ParseMode.Html },
                SentKind.Photo => new InlineQueryResultCachedPhoto(id, file.FileId) { Title = title, Caption = caption, ParseMode = ParseMode.Html },
                SentKind.Audio => new InlineQueryResultCachedAudio(id, file.FileId) { Caption = caption, ParseMode = ParseMode.Html },
                SentKind.Animation => new InlineQueryResultCachedMpeg4Gif(id, file.FileId) { Title = title, Caption = caption, ParseMode = ParseMode.Html },
                _ => new InlineQueryResultCachedDocument(id, file.FileId, title) { Caption = caption, ParseMode = ParseMode.Html },
            };
            results.Add(result);
        }

        return results;
    }

    /// <summary>The title line of a caption the bot built (<c>&lt;b&gt;Title&lt;/b&gt;</c> first), as plain text.</summary>
    private static string? TitleOf(string? captionHtml)
    {
        var match = captionHtml is null ? null : BoldTitle().Match(captionHtml);
        return match is { Success: true } ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    private Task AnswerAsync(InlineQuery query, IReadOnlyList<InlineQueryResult> results, InlineQueryResultsButton? button, CancellationToken cancellationToken) =>
        retry.RunAsync(ct => bot.AnswerInlineQuery(query.Id, results, cacheTime: results.Count > 0 ? CachedSeconds : 0,
            isPersonal: true, button: button, cancellationToken: ct), cancellationToken);

    [GeneratedRegex("^https?://", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^[a-z0-9-]+(\.[a-z0-9-]+)+/\S*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareHost();

    [GeneratedRegex("^<b>(.*?)</b>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex BoldTitle();
}
