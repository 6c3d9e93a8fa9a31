using VideoBot.Host.Configuration;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.YtDlp;

/// <summary>
/// A private copy of a plugin's cookies file for one run: yt-dlp writes the cookie jar back when it exits, and concurrent jobs
/// writing the operator's file would corrupt it.
/// </summary>
internal sealed class CookiesCopy : IDisposable
{
    private CookiesCopy(string path) => Path = path;

    public string Path { get; }

    /// <summary>A copy of the cookies file configured for <paramref name="pluginId"/>, or null when there is none.</summary>
    /// <exception cref="ExtractionException"><see cref="ExtractionErrorKind.PluginFault"/> when the configured file is missing.</exception>
    public static CookiesCopy? Create(YtDlpOptions options, string? pluginId)
    {
        if (pluginId is null || !options.Cookies.TryGetValue(pluginId, out var source) || string.IsNullOrWhiteSpace(source))
        {
            return null;
        }

        if (!File.Exists(source))
        {
            throw new ExtractionException(ExtractionErrorKind.PluginFault, $"The cookies file configured for plugin '{pluginId}' (YtDlp:Cookies) does not exist.");
        }

        var copy = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"videobot-cookies-{Guid.NewGuid():N}.txt");
        File.Copy(source, copy);
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
