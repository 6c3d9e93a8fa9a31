using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Plugins.HotSwap;

namespace VideoBot.Host.YtDlp;

/// <summary>What an update attempt did.</summary>
internal enum YtDlpUpdateResult
{
    Updated,
    AlreadyCurrent,
    Failed,
    /// <summary>A system package: apt updates it, the bot does not.</summary>
    LeftToSystem,
}

/// <param name="Old">The version serving before (and, unless updated, after).</param>
/// <param name="New">The version serving after an update.</param>
internal sealed record YtDlpUpdateOutcome(YtDlpUpdateResult Result, string? Old, string? New, string Detail);

/// <summary>
/// Updates yt-dlp the way it was installed (<see cref="YtDlpInstall"/>). The new version must answer <c>--version</c> before it
/// serves: a release binary is updated in a copy that replaces the original only then; a pip upgrade that leaves a yt-dlp that
/// does not run is rolled back to the old version. Files change only while the <see cref="YtDlpGate"/> holds off runs, so no
/// job is interrupted. The outcome is logged, told to admins (updated or failed) and the capabilities are read again.
/// </summary>
internal sealed partial class YtDlpUpdater(
    IOptions<YtDlpOptions> options,
    YtDlpCapabilityCache capabilities,
    YtDlpGate gate,
    PluginNotices notices,
    ILogger<YtDlpUpdater> logger)
{
    /// <summary>What pip installs: yt-dlp with its default extras and curl_cffi (impersonation); the EJS scripts come with <c>default</c>.</summary>
    public const string PipRequirement = "yt-dlp[default,curl-cffi]";

    /// <summary>How long an update waits for a moment with no yt-dlp run before it makes new runs wait.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan InstallLimit = TimeSpan.FromMinutes(10);

    public async Task<YtDlpUpdateOutcome> UpdateOnceAsync(CancellationToken cancellationToken)
    {
        var outcome = await TryUpdateAsync(cancellationToken).ConfigureAwait(false);
        switch (outcome.Result)
        {
            case YtDlpUpdateResult.Updated:
                capabilities.Refresh();
                LogUpdated(outcome.Old ?? "?", outcome.New ?? "?");
                notices.Publish(new PluginNotice(PluginNoticeKind.EngineUpdated, "yt-dlp", outcome.New, outcome.Old));
                break;
            case YtDlpUpdateResult.Failed:
                LogFailed(outcome.Old ?? "?", outcome.Detail);
                notices.Publish(new PluginNotice(PluginNoticeKind.EngineUpdateFailed, "yt-dlp", null, outcome.Old, outcome.Detail));
                break;
            case YtDlpUpdateResult.LeftToSystem:
                LogLeftToSystem(outcome.Detail);
                break;
            default:
                LogCurrent(outcome.Old ?? "?");
                break;
        }

        return outcome;
    }

    private async Task<YtDlpUpdateOutcome> TryUpdateAsync(CancellationToken cancellationToken)
    {
        if (ExecutableLocator.Resolve(options.Value.Path) is not { } path)
        {
            return new(YtDlpUpdateResult.Failed, null, null, "yt-dlp was not found (YtDlp:Path): there is nothing to update; install it with scripts/setup.sh.");
        }

        var old = await VersionAsync(path, cancellationToken).ConfigureAwait(false);
        var install = YtDlpInstall.Detect(path);
        return install.Kind switch
        {
            YtDlpInstallKind.Pip => await PipAsync(path, install.Python!, old, cancellationToken).ConfigureAwait(false),
            YtDlpInstallKind.ReleaseBinary => await SelfUpdateAsync(install.Target, old, cancellationToken).ConfigureAwait(false),
            _ => new(YtDlpUpdateResult.LeftToSystem, old, null,
                $"yt-dlp {old ?? "(unknown version)"} at {install.Target} is a system package: update it with apt, or run scripts/setup.sh, which installs the newest one it can reach."),
        };
    }

    /// <summary>pip in yt-dlp's environment, while no run is in flight; rolled back when the new yt-dlp does not answer.</summary>
    private async Task<YtDlpUpdateOutcome> PipAsync(string path, string python, string? old, CancellationToken cancellationToken)
    {
        using var alone = await gate.EnterUpdateAsync(Patience, cancellationToken).ConfigureAwait(false);
        var (exit, output) = await RunAsync(python, ["-m", "pip", "install", "--upgrade", "--disable-pip-version-check", "--no-input", PipRequirement], cancellationToken).ConfigureAwait(false);
        if (exit != 0)
        {
            // pip undoes a failed install itself: the old version is still in place.
            return new(YtDlpUpdateResult.Failed, old, null, $"pip install --upgrade failed (exit {exit}): {Tail(output)}");
        }

        var updated = await VersionAsync(path, cancellationToken).ConfigureAwait(false);
        if (updated is not null)
        {
            return updated == old ? new(YtDlpUpdateResult.AlreadyCurrent, old, old, "") : new(YtDlpUpdateResult.Updated, old, updated, "");
        }

        if (old is null)
        {
            return new(YtDlpUpdateResult.Failed, old, null, "the upgraded yt-dlp does not answer --version, and there was no working version to go back to.");
        }

        var (back, backOutput) = await RunAsync(python, ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", $"{PipRequirement}=={old}"], cancellationToken).ConfigureAwait(false);
        var restored = back == 0 ? await VersionAsync(path, cancellationToken).ConfigureAwait(false) : null;
        return new(YtDlpUpdateResult.Failed, old, null, restored == old
            ? $"the upgraded yt-dlp did not answer --version; {old} was reinstalled and serves."
            : $"the upgraded yt-dlp did not answer --version, and reinstalling {old} failed too: {Tail(backOutput)}");
    }

    /// <summary><c>yt-dlp -U</c> on a copy next to the original; the copy replaces it only once it answers <c>--version</c>.</summary>
    private async Task<YtDlpUpdateOutcome> SelfUpdateAsync(string target, string? old, CancellationToken cancellationToken)
    {
        var staging = target + ".videobot-update";
        try
        {
            File.Copy(target, staging, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(staging, File.GetUnixFileMode(target));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(YtDlpUpdateResult.Failed, old, null, $"could not copy yt-dlp to update it ({e.GetType().Name}): the bot's user needs write access to {Path.GetDirectoryName(target)}.");
        }

        try
        {
            var (exit, output) = await RunAsync(staging, ["--ignore-config", "--no-colors", "-U"], cancellationToken).ConfigureAwait(false);
            if (exit != 0)
            {
                return new(YtDlpUpdateResult.Failed, old, null, $"yt-dlp -U failed (exit {exit}): {Tail(output)}");
            }

            var updated = await VersionAsync(staging, cancellationToken).ConfigureAwait(false);
            if (updated is null)
            {
                return new(YtDlpUpdateResult.Failed, old, null, "the updated yt-dlp does not answer --version; it was discarded.");
            }

            if (updated == old)
            {
                return new(YtDlpUpdateResult.AlreadyCurrent, old, old, "");
            }

            using (await gate.EnterUpdateAsync(Patience, cancellationToken).ConfigureAwait(false))
            {
                File.Move(staging, target, overwrite: true); // A rename: whoever opens the path sees the old file or the new, whole.
            }

            return new(YtDlpUpdateResult.Updated, old, updated, "");
        }
        finally
        {
            File.Delete(staging);
        }
    }

    private static async Task<string?> VersionAsync(string executable, CancellationToken cancellationToken)
    {
        var (exit, output) = await RunAsync(executable, ["--ignore-config", "--version"], cancellationToken, TimeSpan.FromSeconds(30), stdoutOnly: true).ConfigureAwait(false);
        var version = output.Trim();
        return exit == 0 && version.Length is > 0 and < 64 && !version.Contains('\n') ? version : null;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string executable, string[] arguments, CancellationToken cancellationToken, TimeSpan? limit = null, bool stdoutOnly = false)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit ?? InstallLimit);
        try
        {
            var result = await global::CliWrap.Cli.Wrap(executable).WithArguments(arguments)
                .WithEnvironmentVariables(env => env.Set("PYTHONIOENCODING", "utf-8").Set("PIP_NO_INPUT", "1"))
                .WithStandardInputPipe(PipeSource.Null).WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(timeout.Token).ConfigureAwait(false);
            return (result.ExitCode, stdoutOnly ? result.StandardOutput : result.StandardOutput + "\n" + result.StandardError);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (-1, $"stopped after {(int)(limit ?? InstallLimit).TotalSeconds} s");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return (-1, $"could not start {Path.GetFileName(executable)}: {e.Message}");
        }
    }

    /// <summary>The last lines of a tool's output, which say why it failed.</summary>
    private static string Tail(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return YtDlpFailure.Sanitize(string.Join(" | ", lines.TakeLast(3)), 400);
    }

    [LoggerMessage(EventId = 5110, Level = LogLevel.Information, Message = "yt-dlp updated from {Old} to {New}")]
    private partial void LogUpdated(string old, string @new);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Warning, Message = "yt-dlp could not be updated; {Old} goes on serving: {Reason}")]
    private partial void LogFailed(string old, string reason);

    [LoggerMessage(EventId = 5112, Level = LogLevel.Information, Message = "yt-dlp {Version} is current")]
    private partial void LogCurrent(string version);

    [LoggerMessage(EventId = 5113, Level = LogLevel.Warning, Message = "YtDlp:AutoUpdate is on, but {Detail}")]
    private partial void LogLeftToSystem(string detail);
}
