using VideoBot.Host.Configuration;
using VideoBot.Host.Network;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Extraction;

/// <summary>
/// The operator's cookies for a plugin (<c>YtDlp:Cookies:&lt;id&gt;</c>, the Netscape file yt-dlp also gets), loaded into the
/// run's jar for the plugin's permitted hosts, so a script reaches what a logged-in browser would. Read at every run, so an
/// operator who refreshes the file is heard at the next link.
/// </summary>
internal static class OperatorCookies
{
    /// <summary>True when the operator set a cookies file for <paramref name="pluginId"/>.</summary>
    public static bool AreSet(YtDlpOptions options, string pluginId) =>
        options.Cookies.TryGetValue(pluginId, out var path) && !string.IsNullOrWhiteSpace(path);

    /// <summary>Loads the file configured for <paramref name="pluginId"/>, if any, into <paramref name="jar"/>.</summary>
    /// <exception cref="ExtractionException"><see cref="ExtractionErrorKind.PluginFault"/> when the configured file can't be read.</exception>
    public static void Load(PluginCookieJar jar, YtDlpOptions options, string pluginId, DateTimeOffset now)
    {
        if (!AreSet(options, pluginId))
        {
            return;
        }

        string text;
        try
        {
            text = File.ReadAllText(options.Cookies[pluginId]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The same words yt-dlp's copy uses (CookiesCopy): one problem, one message.
            throw new ExtractionException(ExtractionErrorKind.PluginFault,
                $"The cookies file configured for plugin '{pluginId}' (YtDlp:Cookies) does not exist or can't be read.", e);
        }

        jar.Load(NetscapeCookies.Parse(text, out _), now);
    }
}
