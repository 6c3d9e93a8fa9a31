namespace VideoBot.Host.Network;

/// <summary>URLs as they appear in messages: without credentials, and short (a data: URL can be megabytes).</summary>
internal static class UrlText
{
    private const int MaxLength = 200;

    public static string Of(Uri? uri)
    {
        if (uri is null)
        {
            return "(no URL)";
        }

        var text = uri.IsAbsoluteUri && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.AbsoluteUri
            : uri.IsAbsoluteUri ? uri.AbsoluteUri : uri.OriginalString;
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
    }

    /// <summary>scheme://host:port with the port always present, lower case: the key origins are compared by.</summary>
    public static string Origin(Uri uri) => $"{uri.Scheme}://{Host(uri)}:{uri.Port}".ToLowerInvariant();

    /// <summary>The host in ASCII (punycode), lower case, without IPv6 brackets or a trailing dot.</summary>
    public static string Host(Uri uri) => NormalizeHost(uri.IdnHost);

    public static string NormalizeHost(string host) => host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
}
