namespace VideoBot.FakeTelegram.Formatting;

/// <summary>
/// What Telegram does with the URL of a text link: <c>tg://user?id=N</c> becomes a text mention, a bare domain
/// gets <c>http://</c>, an unusable URL drops the entity silently (it is not an error).
/// </summary>
internal static class LinkChecker
{
    private static readonly string[] Schemes = ["http", "https", "tg", "ton", "ftp"];

    public static long? UserIdOf(string url)
    {
        const string prefix = "tg://user?id=";
        return url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && long.TryParse(url.AsSpan(prefix.Length), out var id) && id > 0
            ? id
            : null;
    }

    /// <summary>The normalized link, or null when Telegram would ignore it.</summary>
    public static string? Checked(string url)
    {
        url = url.Trim();
        if (url.Length == 0 || url.Any(char.IsWhiteSpace))
        {
            return null;
        }

        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            url = "http://" + url;
            schemeEnd = 4;
        }

        var scheme = url[..schemeEnd].ToLowerInvariant();
        if (!Schemes.Contains(scheme))
        {
            return null;
        }

        if (scheme is "tg" or "ton")
        {
            return url;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.OriginalString : null;
    }

    /// <summary>Turns a checked link into its entity over [offset, offset+length): a text_link or a text_mention.</summary>
    public static TextEntity? LinkEntity(string url, int offset, int length)
    {
        if (UserIdOf(url) is { } userId)
        {
            return new TextEntity("text_mention", offset, length, UserId: userId);
        }

        return Checked(url) is { } link ? new TextEntity("text_link", offset, length, Url: link) : null;
    }
}
