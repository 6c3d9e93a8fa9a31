using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Plugins.HotSwap;
using VideoBot.Host.YtDlp;
using VideoBot.Tests.Downloading;

namespace VideoBot.Tests.YtDlp;

/// <summary>
/// The updater against real executables in a temporary folder: a release-binary yt-dlp whose <c>-U</c> rewrites itself, and a
/// virtual environment whose <c>python -m pip</c> rewrites its yt-dlp. Each is told by a file what its next update does:
/// a version to become, <c>fail</c>, or <c>broken</c> (a yt-dlp that no longer runs).
/// </summary>
public sealed class YtDlpUpdaterTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly PluginNotices _notices = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A fake yt-dlp: <c>--version</c> prints V; <c>-U</c> follows the update-mode file next to it, replacing itself with mv.</summary>
    private static string ReleaseScript(string version) => $$"""
        #!/bin/sh
        V={{version}}
        for a in "$@"; do
          case "$a" in
            --version) echo "$V"; exit 0 ;;
            -U)
              mode=$(cat "$(dirname "$0")/update-mode")
              case "$mode" in
                fail) echo "ERROR: Unable to obtain version info (HTTP Error 403: Forbidden)" >&2; exit 1 ;;
                broken) printf '#!/bin/sh\necho "Traceback: ImportError" >&2\nexit 1\n' > "$0.new" ;;
                *) sed "s/^V=.*/V=$mode/" "$0" > "$0.new" ;;
              esac
              chmod +x "$0.new"; mv "$0.new" "$0"; echo "Updated yt-dlp to stable@$mode"; exit 0 ;;
          esac
        done
        exit 2

        """;

    private async Task<string> WriteExecutableAsync(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    private YtDlpUpdater Updater(string path, YtDlpGate? gate = null) => new(
        Options.Create(new YtDlpOptions { Path = path }), DownloadTestKit.Capabilities(new YtDlpOptions { Path = path }),
        gate ?? new YtDlpGate(TimeProvider.System), _notices, NullLogger<YtDlpUpdater>.Instance);

    private async Task<string> ReleaseBinaryAsync(string version, string mode)
    {
        var path = await WriteExecutableAsync(Path.Combine(_folder.Path, "bin", "yt-dlp"), ReleaseScript(version));
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "bin", "update-mode"), mode);
        return path;
    }

    /// <summary>A venv: pyvenv.cfg, bin/python (a fake pip) and bin/yt-dlp; YtDlp:Path is a symlink to it, as setup.sh makes.</summary>
    private async Task<string> VenvAsync(string version, string mode)
    {
        var venv = Path.Combine(_folder.Path, "venv");
        Directory.CreateDirectory(venv);
        await File.WriteAllTextAsync(Path.Combine(venv, "pyvenv.cfg"), "home = /usr/bin\ninclude-system-site-packages = false\n");
        await File.WriteAllTextAsync(Path.Combine(venv, "pip-mode"), mode);
        await WriteExecutableAsync(Path.Combine(venv, "bin", "yt-dlp"), ReleaseScript(version));
        await File.WriteAllTextAsync(Path.Combine(venv, "yt-dlp.template"), ReleaseScript("0"));
        await WriteExecutableAsync(Path.Combine(venv, "bin", "python"), """
            #!/bin/sh
            bin=$(dirname "$0")
            echo "$*" >> "$bin/../pip-calls"
            [ "$1 $2 $3" = "-m pip install" ] || exit 2
            for a in "$@"; do case "$a" in yt-dlp*==*) want=${a##*==} ;; esac; done
            mode=${want:-$(cat "$bin/../pip-mode")}
            case "$mode" in
              fail) echo "ERROR: Could not find a version that satisfies the requirement yt-dlp[default,curl-cffi]" >&2; exit 1 ;;
              broken) printf '#!/bin/sh\necho "Traceback: ImportError" >&2\nexit 1\n' > "$bin/yt-dlp.new" ;;
              *) sed "s/^V=.*/V=$mode/" "$bin/../yt-dlp.template" > "$bin/yt-dlp.new" ;;
            esac
            chmod +x "$bin/yt-dlp.new"; mv "$bin/yt-dlp.new" "$bin/yt-dlp"
            echo "Successfully installed yt-dlp-$mode"

            """);
        var link = Path.Combine(_folder.Path, "local-bin", "yt-dlp");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, Path.Combine(venv, "bin", "yt-dlp"));
        return link;
    }

    private static async Task<string> VersionOfAsync(string path)
    {
        var can = await DownloadTestKit.Capabilities(new YtDlpOptions { Path = path }).GetAsync(CancellationToken.None);
        return can.Version ?? "(none)";
    }

    private List<PluginNotice> Notices()
    {
        var list = new List<PluginNotice>();
        while (_notices.Reader.TryRead(out var notice))
        {
            list.Add(notice);
        }

        return list;
    }

    [Fact]
    public async Task The_installation_kind_decides_how_yt_dlp_is_updated()
    {
        var venvLink = await VenvAsync("2026.11.23", "2026.12.01");
        var release = await ReleaseBinaryAsync("2026.11.23", "2026.12.01");

        Assert.Equal(YtDlpInstallKind.Pip, YtDlpInstall.Detect(venvLink).Kind);
        Assert.Equal(Path.Combine(_folder.Path, "venv", "bin", "python"), YtDlpInstall.Detect(venvLink).Python);
        Assert.Equal(Path.Combine(_folder.Path, "venv", "bin", "yt-dlp"), YtDlpInstall.Detect(venvLink).Target);
        Assert.Equal(YtDlpInstallKind.ReleaseBinary, YtDlpInstall.Detect(release).Kind);
        Assert.Equal(YtDlpInstallKind.SystemPackage, YtDlpInstall.Detect("/usr/bin/yt-dlp").Kind);
    }

    [Fact]
    public async Task A_release_binary_is_updated_with_dash_U_checked_and_swapped_in_and_admins_are_told()
    {
        var path = await ReleaseBinaryAsync("2026.11.23", "2026.12.01");

        var outcome = await Updater(path).UpdateOnceAsync(CancellationToken.None);

        Assert.Equal(new YtDlpUpdateOutcome(YtDlpUpdateResult.Updated, "2026.11.23", "2026.12.01", ""), outcome);
        Assert.Equal("2026.12.01", await VersionOfAsync(path));
        Assert.False(File.Exists(path + ".videobot-update"));
        var notice = Assert.Single(Notices());
        Assert.Equal(new PluginNotice(PluginNoticeKind.EngineUpdated, "yt-dlp", "2026.12.01", "2026.11.23"), notice);
    }

    [Fact]
    public async Task A_failed_release_update_keeps_the_old_binary_and_tells_admins_why()
    {
        var path = await ReleaseBinaryAsync("2026.11.23", "fail");

        var outcome = await Updater(path).UpdateOnceAsync(CancellationToken.None);

        Assert.Equal(YtDlpUpdateResult.Failed, outcome.Result);
        Assert.Contains("yt-dlp -U failed (exit 1): ERROR: Unable to obtain version info (HTTP Error 403: Forbidden)", outcome.Detail);
        Assert.Equal("2026.11.23", await VersionOfAsync(path));
        var notice = Assert.Single(Notices());
        Assert.Equal(PluginNoticeKind.EngineUpdateFailed, notice.Kind);
        Assert.Equal("2026.11.23", notice.PreviousVersion);
        Assert.Equal(outcome.Detail, notice.Reason);
    }

    [Fact]
    public async Task An_update_that_leaves_a_broken_binary_is_discarded_and_the_old_one_serves()
    {
        var path = await ReleaseBinaryAsync("2026.11.23", "broken");

        var outcome = await Updater(path).UpdateOnceAsync(CancellationToken.None);

        Assert.Equal(new YtDlpUpdateOutcome(YtDlpUpdateResult.Failed, "2026.11.23", null, "the updated yt-dlp does not answer --version; it was discarded."), outcome);
        Assert.Equal("2026.11.23", await VersionOfAsync(path));
        Assert.False(File.Exists(path + ".videobot-update"));
    }

    [Fact]
    public async Task An_up_to_date_yt_dlp_is_left_alone_without_a_notice()
    {
        var path = await ReleaseBinaryAsync("2026.11.23", "2026.11.23");

        var outcome = await Updater(path).UpdateOnceAsync(CancellationToken.None);

        Assert.Equal(YtDlpUpdateResult.AlreadyCurrent, outcome.Result);
        Assert.Empty(Notices());
    }

    [Fact]
    public async Task A_pip_install_is_upgraded_in_its_environment_with_the_impersonation_extras()
    {
        var link = await VenvAsync("2026.11.23", "2026.12.01");

        var outcome = await Updater(link).UpdateOnceAsync(CancellationToken.None);

        Assert.Equal(new YtDlpUpdateOutcome(YtDlpUpdateResult.Updated, "2026.11.23", "2026.12.01", ""), outcome);
        Assert.Equal("2026.12.01", await VersionOfAsync(link));
        Assert.Equal(
            ["-m pip install --upgrade --disable-pip-version-check --no-input yt-dlp[default,curl-cffi]"],
            await File.ReadAllLinesAsync(Path.Combine(_folder.Path, "venv", "pip-calls")));
    }

    [Fact]
    public async Task A_failed_pip_upgrade_keeps_the_old_version_and_tells_admins()
    {
        var link = await VenvAsync("2026.11.23", "fail");

        var outcome = await Updater(link).UpdateOnceAsync(CancellationToken.None);

        Assert.Equal(YtDlpUpdateResult.Failed, outcome.Result);
        Assert.StartsWith("pip install --upgrade failed (exit 1): ", outcome.Detail);
        Assert.Contains("Could not find a version", outcome.Detail);
        Assert.Equal("2026.11.23", await VersionOfAsync(link));
        Assert.Equal(PluginNoticeKind.EngineUpdateFailed, Assert.Single(Notices()).Kind);
    }

    [Fact]
    public async Task A_pip_upgrade_that_breaks_yt_dlp_is_rolled_back_to_the_old_version()
    {
        var link = await VenvAsync("2026.11.23", "broken");

        var outcome = await Updater(link).UpdateOnceAsync(CancellationToken.None);

        Assert.Equal(YtDlpUpdateResult.Failed, outcome.Result);
        Assert.Equal("the upgraded yt-dlp did not answer --version; 2026.11.23 was reinstalled and serves.", outcome.Detail);
        Assert.Equal("2026.11.23", await VersionOfAsync(link));
        Assert.EndsWith("yt-dlp[default,curl-cffi]==2026.11.23", (await File.ReadAllLinesAsync(Path.Combine(_folder.Path, "venv", "pip-calls")))[^1]);
    }

    [Fact]
    public async Task A_system_package_is_left_to_apt()
    {
        var outcome = await Updater("/usr/bin/yt-dlp").UpdateOnceAsync(CancellationToken.None);

        Assert.Equal(YtDlpUpdateResult.LeftToSystem, outcome.Result);
        Assert.Contains("system package: update it with apt, or run scripts/setup.sh", outcome.Detail);
        Assert.Empty(Notices());
    }

    [Fact]
    public async Task An_update_waits_for_runs_in_flight_and_new_runs_wait_for_the_update()
    {
        var gate = new YtDlpGate(TimeProvider.System);
        var path = await ReleaseBinaryAsync("2026.11.23", "2026.12.01");
        var run = await gate.EnterRunAsync(CancellationToken.None);

        var update = Updater(path, gate).UpdateOnceAsync(CancellationToken.None);
        // The update is prepared in its copy, but the swap waits for the run in flight: the original is untouched meanwhile.
        while (!File.Exists(path + ".videobot-update") || await VersionOfAsync(path + ".videobot-update") != "2026.12.01")
        {
            await Task.Delay(20);
        }

        Assert.False(update.IsCompleted);
        Assert.Equal("2026.11.23", await VersionOfAsync(path));
        run.Dispose();

        Assert.Equal(YtDlpUpdateResult.Updated, (await update).Result);
        Assert.Equal("2026.12.01", await VersionOfAsync(path));
    }

    [Fact]
    public async Task The_gate_holds_new_runs_once_the_update_has_waited_long_enough()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var gate = new YtDlpGate(clock);
        var first = await gate.EnterRunAsync(CancellationToken.None);

        var update = gate.EnterUpdateAsync(TimeSpan.FromMinutes(15), CancellationToken.None);
        var early = await gate.EnterRunAsync(CancellationToken.None); // Before its patience ends, runs still start.
        early.Dispose();
        clock.Advance(TimeSpan.FromMinutes(16));
        Task<IDisposable> late;
        while (true)
        {
            // Once the update has claimed the gate, a new run waits.
            late = gate.EnterRunAsync(CancellationToken.None);
            if (!late.IsCompleted)
            {
                break;
            }

            (await late).Dispose();
            await Task.Delay(10);
        }

        Assert.False(update.IsCompleted);
        first.Dispose();
        (await update).Dispose();
        (await late).Dispose();
        Assert.Equal(0, gate.Running);
    }
}
