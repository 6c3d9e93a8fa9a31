using System.Text;
using CliWrap;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.YtDlp;

/// <summary>
/// Asks yt-dlp once what it can do (<c>--version</c>, <c>--help</c>, <c>--list-impersonate-targets</c>) and finds a JavaScript
/// runtime, on first use; every caller shares that one answer. <see cref="Refresh"/> forgets it after an update. A missing
/// yt-dlp is asked again after a minute, so one installed while the bot runs is seen.
/// </summary>
internal sealed class YtDlpCapabilityCache(IOptions<YtDlpOptions> options, TimeProvider time, ILogger<YtDlpCapabilityCache> logger)
{
    private static readonly TimeSpan RetryMissingAfter = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private Task<YtDlpCapabilities>? _current;
    private DateTimeOffset _missingSince;

    /// <summary>The capabilities; never throws for yt-dlp's sake (a missing or broken one is a <see cref="YtDlpCapabilities.Problem"/>).</summary>
    public Task<YtDlpCapabilities> GetAsync(CancellationToken cancellationToken)
    {
        Task<YtDlpCapabilities> task;
        lock (_lock)
        {
            if (_current is { IsCompletedSuccessfully: true } done && !done.Result.Found && time.GetUtcNow() - _missingSince > RetryMissingAfter)
            {
                _current = null;
            }

            // Detached from the first caller's token: a cancelled request must not leave a cancelled answer for everyone.
            task = _current ??= DetectAsync();
        }

        return task.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets the answer; the next caller asks yt-dlp again (after an update).</summary>
    public void Refresh()
    {
        lock (_lock)
        {
            _current = null;
        }
    }

    private async Task<YtDlpCapabilities> DetectAsync()
    {
        await Task.Yield();
        var result = await ReadAsync(options.Value.Path).ConfigureAwait(false);
        if (!result.Found)
        {
            lock (_lock)
            {
                _missingSince = time.GetUtcNow();
            }
        }

        YtDlpLog.Capabilities(logger, result.Summary(time.GetUtcNow()));
        return result;
    }

    /// <summary>Asks the yt-dlp at <paramref name="configuredPath"/> (a name on PATH or a path).</summary>
    public async Task<YtDlpCapabilities> ReadAsync(string configuredPath)
    {
        if (ExecutableLocator.Resolve(configuredPath) is not { } path)
        {
            // No path in the text: /readyz shows it to whoever can reach the port.
            return YtDlpCapabilities.Missing(null, "not found: install it with scripts/setup.sh or set YtDlp:Path");
        }

        var runtime = JsRuntimes.DetectAsync(CancellationToken.None);
        var (versionExit, version) = await RunAsync(path, ["--version"], "version").ConfigureAwait(false);
        version = version.Trim();
        if (versionExit != 0 || version.Length is 0 or > 64 || version.Contains('\n'))
        {
            await runtime.ConfigureAwait(false);
            return YtDlpCapabilities.Missing(path, versionExit == 0 ? "its --version printed no version" : $"'yt-dlp --version' failed (exit {versionExit})");
        }

        var (_, help) = await RunAsync(path, ["--help"], "help").ConfigureAwait(false);
        var impersonate = YtDlpCapabilities.HelpHasOption(help, "--impersonate");
        IReadOnlyList<ImpersonateTarget> targets = [];
        if (impersonate && YtDlpCapabilities.HelpHasOption(help, "--list-impersonate-targets"))
        {
            var (_, listing) = await RunAsync(path, ["--no-colors", "--list-impersonate-targets"], "impersonate targets").ConfigureAwait(false);
            targets = YtDlpCapabilities.ParseImpersonateTargets(listing);
        }

        return new YtDlpCapabilities
        {
            Executable = path,
            Version = version,
            SupportsJsRuntimes = YtDlpCapabilities.HelpHasOption(help, "--js-runtimes"),
            SupportsImpersonate = impersonate,
            SupportsRemoteComponents = YtDlpCapabilities.HelpHasOption(help, "--remote-components"),
            ImpersonateTargets = targets,
            JsRuntimeFound = await runtime.ConfigureAwait(false),
        };
    }

    private async Task<(int ExitCode, string Stdout)> RunAsync(string path, string[] arguments, string purpose)
    {
        var stdout = new StringBuilder();
        try
        {
            var result = await new YtDlpProcess(path, logger).RunAsync(
                ["--ignore-config", .. arguments], purpose, Path.GetTempPath(), Limit,
                PipeTarget.ToStringBuilder(stdout), CancellationToken.None, CancellationToken.None).ConfigureAwait(false);
            return (result.ExitCode, stdout.ToString());
        }
        catch (ExtractionException e)
        {
            YtDlpLog.VersionUnavailable(logger, e);
            return (-1, "");
        }
    }
}
