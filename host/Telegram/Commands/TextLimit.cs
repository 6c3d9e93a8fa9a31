namespace VideoBot.Host.Telegram.Commands;

/// <summary>Keeps a message within Telegram's 4096 characters by dropping whole lines from its end (never cutting a tag).</summary>
internal static class TextLimit
{
    public const int MaxLength = 4096;

    public static string Cut(string html)
    {
        // The HTML is longer than the text Telegram counts, so fitting the HTML is always enough.
        if (html.Length <= MaxLength)
        {
            return html;
        }

        var lines = html.Split('\n').ToList();
        while (lines.Count > 1 && string.Join('\n', lines).Length + 2 > MaxLength)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join('\n', lines) + "\n…";
    }
}
