using System.Text.RegularExpressions;

namespace VideoBot.FakeTelegram.Formatting;

/// <summary>
/// The entities Telegram finds by itself in any message text: links, e-mail addresses, @mentions, #hashtags and
/// /commands. Bots depend on them (a "/start" arrives with a bot_command entity, a pasted link with a url one).
/// Nothing is found inside code, pre or existing links.
/// </summary>
internal static partial class EntityFinder
{
    // Without a scheme only well-known top-level domains make a link, as in Telegram ("clip.mp4" is not one).
    private static readonly HashSet<string> BareTlds =
    [
        "com", "org", "net", "io", "me", "tv", "be", "ly", "gl", "co", "app", "dev", "ru", "uk", "de", "fr", "it", "es", "nl", "us",
        "info", "biz", "xyz", "site", "online", "link", "to", "cc", "gg", "fm", "im", "in", "jp", "br", "eu", "ua", "pl", "ch", "ca",
    ];

    [GeneratedRegex(@"(?<![\w@./])(?:(?<scheme>https?|ftp|tg)://[^\s<>""]+|(?<host>(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+(?<tld>[a-zA-Z]{2,24}))(?::\d{1,5})?(?:[/?#][^\s<>""]*)?)")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(?<![\w.+-])[\w.+-]+@(?:[a-zA-Z0-9-]+\.)+[a-zA-Z]{2,24}(?![\w])")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w/<>])/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?(?![\w/<>])")]
    private static partial Regex CommandPattern();

    [GeneratedRegex(@"(?<!\w)@[a-zA-Z0-9_]{2,32}(?!\w)")]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"(?<![\w#])#(?=\w*[^\W\d_])\w{1,256}(?!\w*#)")]
    private static partial Regex HashtagPattern();

    [GeneratedRegex(@"(?<![\w$])\$[A-Z]{1,8}(?![\w$])")]
    private static partial Regex CashtagPattern();

    /// <summary>The text's entities plus the ones Telegram would find in it, sorted.</summary>
    public static IReadOnlyList<TextEntity> AddFound(string text, IReadOnlyList<TextEntity> entities)
    {
        var taken = entities.Where(e => e.Type is "code" or "pre" or "text_link" or "text_mention" or "custom_emoji")
            .Select(e => (e.Offset, End: e.Offset + e.Length)).ToList();
        var found = new List<TextEntity>();

        void Add(string type, int offset, int length)
        {
            var end = offset + length;
            if (length <= 0 || taken.Any(t => offset < t.End && t.Offset < end))
            {
                return;
            }

            taken.Add((offset, end));
            found.Add(new TextEntity(type, offset, length));
        }

        foreach (Match match in EmailPattern().Matches(text))
        {
            Add("email", match.Index, match.Length);
        }

        foreach (Match match in UrlPattern().Matches(text))
        {
            if (!match.Groups["scheme"].Success && !BareTlds.Contains(match.Groups["tld"].Value.ToLowerInvariant()))
            {
                continue;
            }

            Add("url", match.Index, TrimmedUrlLength(match.Value));
        }

        foreach (var (pattern, type) in new[] { (CommandPattern(), "bot_command"), (MentionPattern(), "mention"), (HashtagPattern(), "hashtag"), (CashtagPattern(), "cashtag") })
        {
            foreach (Match match in pattern.Matches(text))
            {
                Add(type, match.Index, match.Length);
            }
        }

        return found.Count == 0 ? entities : FormattedText.Sorted(entities.Concat(found));
    }

    // Trailing punctuation and an unbalanced closing bracket end a sentence, not the link.
    private static int TrimmedUrlLength(string url)
    {
        var length = url.Length;
        while (length > 0)
        {
            var last = url[length - 1];
            var unbalanced = last == ')' && url[..length].Count(c => c == '(') < url[..length].Count(c => c == ')');
            if (".,:;!?'\"".Contains(last, StringComparison.Ordinal) || unbalanced)
            {
                length--;
                continue;
            }

            break;
        }

        return length;
    }
}
