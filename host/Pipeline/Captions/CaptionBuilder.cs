using VideoBot.Host.Messages;
using VideoBot.Sdk.Media;

namespace VideoBot.Host.Pipeline.Captions;

/// <summary>
/// The caption under sent media: bold title, uploader, and a link to the source, as Telegram HTML. Telegram counts the 1024
/// characters after parsing the HTML, so the plain parts are cut first and escaped afterwards: a cut can never split an entity
/// such as <c>&amp;amp;</c> or a tag.
/// </summary>
internal sealed class CaptionBuilder(MessageCatalog messages)
{
    public const int MaxLength = 1024;
    private const int MaxUploaderLength = 100;
    private const string Ellipsis = "…";

    public string Build(MediaPost post, Uri source, string language)
    {
        var label = messages.Plain(language, "caption.source");
        var uploader = Cut(Clean(post.Uploader), MaxUploaderLength);
        var fixedLength = label.Length + (uploader.Length > 0 ? uploader.Length + 1 : 0);

        // The title takes what is left, one character kept for the line break after it.
        var title = Cut(Clean(post.Title ?? post.Items[0].Title), MaxLength - fixedLength - 1);

        var lines = new List<string>(3);
        if (title.Length > 0)
        {
            lines.Add($"<b>{HtmlText.Escape(title)}</b>");
        }

        if (uploader.Length > 0)
        {
            lines.Add(HtmlText.Escape(uploader));
        }

        lines.Add($"<a href=\"{HtmlText.Escape(source.AbsoluteUri)}\">{HtmlText.Escape(label)}</a>");
        return string.Join('\n', lines);
    }

    /// <summary>The caption's length as Telegram counts it: the text without tags, entities decoded.</summary>
    public static int PlainLength(string html) => System.Net.WebUtility.HtmlDecode(StripTags(html)).Length;

    private static string StripTags(string html) => System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", string.Empty);

    private static string Clean(string? text) => string.IsNullOrWhiteSpace(text) ? string.Empty : text.Trim().Replace("\r", string.Empty, StringComparison.Ordinal);

    /// <summary>Cuts to <paramref name="max"/> UTF-16 units (Telegram's unit), never between a surrogate pair.</summary>
    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        if (max <= Ellipsis.Length)
        {
            return string.Empty;
        }

        var end = max - Ellipsis.Length;
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return text[..end].TrimEnd() + Ellipsis;
    }
}
