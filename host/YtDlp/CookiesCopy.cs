using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.YtDlp;

/// <summary>
/// A private copy of an account's cookies file for one run: yt-dlp writes the cookie jar back when it exits, and concurrent jobs
/// writing the operator's file would corrupt it.
/// </summary>
internal sealed class CookiesCopy : IDisposable
{
    private CookiesCopy(string path) => Path = path;

    public string Path { get; }

    /// <summary>A copy of <paramref name="account"/>'s file, or null when there is no account.</summary>
    /// <exception cref="ExtractionException"><see cref="ExtractionErrorKind.PluginFault"/> when the file can't be read.</exception>
    public static CookiesCopy? Create(CookieAccount? account)
    {
        if (account is null)
        {
            return null;
        }

        var copy = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"videobot-cookies-{Guid.NewGuid():N}.txt");
        try
        {
            File.Copy(account.File, copy);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Removed or made unreadable since the turn was given (an operator swapping accounts): the next run lists again.
            throw CookieAccounts.Unreadable(account.PluginId, e);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return new CookiesCopy(copy);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // A leftover in the temp folder is harmless; the run's result matters more.
        }
    }
}
