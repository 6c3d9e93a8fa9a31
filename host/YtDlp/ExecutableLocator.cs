namespace VideoBot.Host.YtDlp;

/// <summary>Finds an executable the way a shell would, so a missing binary is reported clearly before anything starts.</summary>
internal static class ExecutableLocator
{
    /// <summary>
    /// The full path of <paramref name="nameOrPath"/>: as given when it contains a directory separator, else the first match on
    /// <c>PATH</c>. Null when there is no such file.
    /// </summary>
    public static string? Resolve(string nameOrPath)
    {
        if (string.IsNullOrWhiteSpace(nameOrPath))
        {
            return null;
        }

        if (nameOrPath.Contains(Path.DirectorySeparatorChar) || nameOrPath.Contains(Path.AltDirectorySeparatorChar))
        {
            var full = Path.GetFullPath(nameOrPath);
            return File.Exists(full) ? full : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", string.Empty } : [string.Empty];
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(dir, nameOrPath + extension);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
