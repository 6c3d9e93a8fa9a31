namespace VideoBot.Host.Manifests;

/// <summary>
/// Resolves paths a manifest names (entry, fixture files) and keeps them inside the plugin folder. A plugin is a unit the
/// operator drops in and removes; letting it point at <c>../../..</c>, an absolute path or a symbolic link out of its
/// folder would let a manifest make the host load or read files that are not part of the plugin.
/// </summary>
internal static class PluginPaths
{
    /// <summary>Symbolic links followed in a chain before giving up (as Linux's ELOOP).</summary>
    private const int MaxLinkHops = 40;

    /// <summary>The folder, absolute, with every symbolic link resolved.</summary>
    public static string CanonicalFolder(string folder) => RealPath(Path.GetFullPath(folder));

    /// <summary>
    /// Resolves <paramref name="relativePath"/> against the canonical plugin folder. On success <paramref name="fullPath"/>
    /// is absolute, with symbolic links resolved where they exist, and inside the folder.
    /// </summary>
    public static bool TryResolveInside(string canonicalFolder, string relativePath, out string fullPath, out string reason)
    {
        fullPath = "";
        if (relativePath.Length == 0 || relativePath.Contains('\0', StringComparison.Ordinal))
        {
            reason = "must be a file path relative to the plugin folder";
            return false;
        }

        if (Path.IsPathRooted(relativePath) || relativePath.StartsWith('\\') || relativePath.StartsWith('/'))
        {
            reason = $"\"{relativePath}\" is an absolute path; it must be relative to the plugin folder";
            return false;
        }

        if (relativePath.Contains('\\', StringComparison.Ordinal))
        {
            // On Linux '\' is an ordinary character, on Windows a separator: refuse it so a manifest means the same everywhere.
            reason = $"\"{relativePath}\" contains '\\'; use '/' as the separator";
            return false;
        }

        var lexical = Path.GetFullPath(Path.Combine(canonicalFolder, relativePath));
        if (!IsInside(canonicalFolder, lexical))
        {
            reason = $"\"{relativePath}\" points outside the plugin folder";
            return false;
        }

        if (relativePath.Split('/').Contains(".."))
        {
            // The OS resolves "link/../x" from the link's target while .NET folds it lexically to "x": with no ".." at all,
            // both read the same file, the one checked here.
            reason = $"\"{relativePath}\" must not contain '..' segments";
            return false;
        }

        string real;
        try
        {
            real = RealPath(lexical);
        }
        catch (IOException ex)
        {
            reason = $"\"{relativePath}\" cannot be resolved: {ex.Message}";
            return false;
        }

        if (!IsInside(canonicalFolder, real))
        {
            reason = $"\"{relativePath}\" goes through a symbolic link that points outside the plugin folder (to {real})";
            return false;
        }

        fullPath = real;
        reason = "";
        return true;
    }

    private static bool IsInside(string folder, string path)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        var prefix = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, comparison);
    }

    /// <summary>
    /// Like POSIX <c>realpath</c>, but tolerant of missing parts: walks the path component by component, replacing each
    /// existing symbolic link by its target (re-walking the target, whose own parents may be links); components that do not
    /// exist are kept as written.
    /// </summary>
    private static string RealPath(string absolutePath)
    {
        var hops = 0;
        var pending = new Queue<string>(Split(absolutePath, out var current));
        while (pending.TryDequeue(out var segment))
        {
            var next = Path.Combine(current, segment);
            var info = new FileInfo(next);
            if (info.LinkTarget is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new IOException($"too many levels of symbolic links at {next}");
            }

            // The target may be relative to the link's folder; GetFullPath folds its '..' segments.
            var target = Path.GetFullPath(info.LinkTarget, current);
            var rest = pending.ToArray();
            pending = new Queue<string>(Split(target, out current).Concat(rest));
        }

        return current;
    }

    private static string[] Split(string absolutePath, out string root)
    {
        root = Path.GetPathRoot(absolutePath) ?? "/";
        return absolutePath[root.Length..].Split(
            [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar],
            StringSplitOptions.RemoveEmptyEntries);
    }
}
