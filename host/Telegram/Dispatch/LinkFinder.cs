using System.Text.RegularExpressions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace VideoBot.Host.Telegram.Dispatch;

/// <summary>
/// Finds the links in a message the way Telegram marked them: <c>url</c> entities (the visible text) and <c>text_link</c>
/// entities (the hidden target), in the text or a media caption. A forwarded message carries its entities along, so forwards
/// work the same. Text without entities (an API client that sends none) falls back to a plain http(s) scan.
/// </summary>
internal static partial class LinkFinder
{
    public static IReadOnlyList<string> Find(Message message, int max)
    {
        var links = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Collect(message.Text, message.Entities, links, seen, max);
        Collect(message.Caption, message.CaptionEntities, links, seen, max);
        return links;
    }

    private static void Collect(string? text, MessageEntity[]? entities, List<string> links, HashSet<string> seen, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (entities is null || entities.Length == 0)
        {
            foreach (Match m in BareUrl().Matches(text))
            {
                Add(TrimTrailingPunctuation(m.Value), links, seen, max);
            }

            return;
        }

        foreach (var entity in entities)
        {
            var link = entity.Type switch
            {
                MessageEntityType.Url when entity.Offset >= 0 && entity.Offset + entity.Length <= text.Length
                    => WithScheme(text.Substring(entity.Offset, entity.Length)),
                MessageEntityType.TextLink => entity.Url,
                _ => null,
            };
            Add(link, links, seen, max);
        }
    }

    private static void Add(string? link, List<string> links, HashSet<string> seen, int max)
    {
        link = link?.Trim();
        if (!string.IsNullOrEmpty(link) && links.Count < max && seen.Add(link))
        {
            links.Add(link);
        }
    }

    /// <summary>Telegram marks <c>example.com/v/1</c> as a link too; give it the scheme browsers would.</summary>
    private static string WithScheme(string link) =>
        link.Contains("://", StringComparison.Ordinal) ? link : "https://" + link;

    private static string TrimTrailingPunctuation(string link) => link.TrimEnd('.', ',', ';', ':', '!', '?', ')', '"', '\'');

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareUrl();
}
