using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoBot.Host.Plugins.HotSwap;

/// <summary>
/// A cheap summary of a plugin folder (every file's relative path, size and last write time): the watcher reloads a folder
/// only when this changes, so touching nothing, or events a copy raises twice, cost nothing.
/// </summary>
internal static class FolderFingerprint
{
    /// <summary>Never throws: a folder that vanished or can't be read gets a fingerprint of its own.</summary>
    public static string Compute(string directory)
    {
        var text = new StringBuilder();
        try
        {
            var files = System.IO.Directory.EnumerateFiles(directory, "*", new EnumerationOptions
            {
                RecurseSubdirectories = true,
                IgnoreInaccessible = true,
                AttributesToSkip = FileAttributes.None,
            });
            foreach (var file in files.Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                text.Append(Path.GetRelativePath(directory, file)).Append('|')
                    .Append(info.Length.ToString(CultureInfo.InvariantCulture)).Append('|')
                    .Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            text.Append("unreadable: ").Append(ex.Message);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
