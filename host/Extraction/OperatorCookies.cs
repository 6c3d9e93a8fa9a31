using VideoBot.Host.Network;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Extraction;

/// <summary>
/// The operator's cookies for a plugin (<c>YtDlp:Cookies:&lt;id&gt;</c>, the Netscape files yt-dlp also gets): the account whose
/// turn it is (<see cref="CookieAccounts"/>) is loaded into the run's jar for the plugin's permitted hosts, so a script reaches
/// what a logged-in browser would. Read at every run, so an operator who refreshes a file is heard at the next link.
/// </summary>
internal static class OperatorCookies
{
    /// <summary>Loads <paramref name="account"/>'s file, if there is an account, into <paramref name="jar"/>.</summary>
    /// <exception cref="ExtractionException"><see cref="ExtractionErrorKind.PluginFault"/> when the file can't be read.</exception>
    public static void Load(PluginCookieJar jar, CookieAccount? account, DateTimeOffset now)
    {
        if (account is null)
        {
            return;
        }

        string text;
        try
        {
            text = File.ReadAllText(account.File);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CookieAccounts.Unreadable(account.PluginId, e);
        }

        jar.Load(NetscapeCookies.Parse(text, out _), now);
    }
}
