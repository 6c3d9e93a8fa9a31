namespace VideoBot.Host.YtDlp;

/// <summary>How yt-dlp was installed, which decides how it is updated.</summary>
internal enum YtDlpInstallKind
{
    /// <summary>In a Python virtual environment (scripts/setup.sh with PyPI, the Docker image): <c>pip install --upgrade</c>.</summary>
    Pip,
    /// <summary>yt-dlp's own release binary (zipimport or PyInstaller): <c>yt-dlp -U</c>.</summary>
    ReleaseBinary,
    /// <summary>A distribution package under /usr: apt (or scripts/setup.sh) updates it, not the bot.</summary>
    SystemPackage,
}

/// <summary>An installed yt-dlp: its kind, the real file behind any symlink, and the environment's Python for pip.</summary>
internal sealed record YtDlpInstall(YtDlpInstallKind Kind, string Target, string? Python)
{
    /// <summary>Reads the installation of the executable at <paramref name="path"/> (already resolved on PATH).</summary>
    public static YtDlpInstall Detect(string path)
    {
        var file = new FileInfo(path);
        var target = file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file.FullName;
        var bin = Path.GetDirectoryName(target);
        var root = bin is null ? null : Path.GetDirectoryName(bin);
        if (root is not null && File.Exists(Path.Combine(root, "pyvenv.cfg")))
        {
            // The environment's own python (a symlink to the system's): pip then installs into this environment.
            var python = new[] { "python", "python3" }.Select(n => Path.Combine(bin!, n)).FirstOrDefault(File.Exists);
            if (python is not null)
            {
                return new YtDlpInstall(YtDlpInstallKind.Pip, target, python);
            }
        }

        var system = (target.StartsWith("/usr/", StringComparison.Ordinal) && !target.StartsWith("/usr/local/", StringComparison.Ordinal))
            || target.StartsWith("/bin/", StringComparison.Ordinal);
        return new YtDlpInstall(system ? YtDlpInstallKind.SystemPackage : YtDlpInstallKind.ReleaseBinary, target, null);
    }
}
