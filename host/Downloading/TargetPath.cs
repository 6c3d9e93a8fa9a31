using System.Text.RegularExpressions;

namespace VideoBot.Host.Downloading;

/// <summary>File names inside a job's folder: only our base name and extension, and never a path that leaves the folder.</summary>
internal static partial class TargetPath
{
    /// <summary>The full path of <paramref name="baseName"/>.<paramref name="extension"/> inside <paramref name="directory"/>.</summary>
    public static string For(string directory, string baseName, string extension)
    {
        ValidateBaseName(baseName);
        if (Containers.Normalize(extension) != extension)
        {
            throw new ArgumentException("The extension must be a short lower-case token.", nameof(extension));
        }

        var root = Path.GetFullPath(directory);
        var path = Path.GetFullPath(Path.Combine(root, $"{baseName}.{extension}"));
        return Path.GetDirectoryName(path) == root.TrimEnd(Path.DirectorySeparatorChar)
            ? path
            : throw new ArgumentException("The file would leave the target directory.", nameof(baseName));
    }

    /// <summary>Letters, digits, <c>_</c> and <c>-</c>; not starting with <c>-</c> (it ends up on ffmpeg's command line).</summary>
    public static void ValidateBaseName(string baseName)
    {
        if (!BaseNamePattern().IsMatch(baseName))
        {
            throw new ArgumentException("The base name may hold only letters, digits, '_' and '-', and must not start with '-'.", nameof(baseName));
        }
    }

    /// <summary>Deletes <paramref name="path"/> if it exists; false when it could not be deleted.</summary>
    public static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_-]{0,99}$")]
    private static partial Regex BaseNamePattern();
}
