using System.Diagnostics;
using VideoBot.Tests.Plugins;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Cli;

/// <summary>
/// Runs the real <c>videobot</c> executable built beside the tests, as an operator does: its own process, the repository's
/// config.yaml (through <c>VIDEOBOT_CONFIG</c>, as scripts/videobot sets it) and plugins/, settings from the environment.
/// </summary>
internal static class VideobotProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? stdin = null, string? workingDirectory = null)
    {
        var start = StartInfo(arguments, environment, workingDirectory);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"videobot {string.Join(' ', start.ArgumentList)} did not finish within 2 minutes");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// The environment of a bot run against <paramref name="telegram"/> (the fake Bot API) with its data in
    /// <paramref name="storage"/>: loopback sites allowed, any free port for its web server. Tests add what they need.
    /// </summary>
    public static Dictionary<string, string> BotEnvironment(VideoBot.FakeTelegram.FakeBotApiServer telegram, string storage) => new()
    {
        ["TELEGRAM_BOT_TOKEN"] = telegram.Token,
        ["Telegram__ApiBaseUrl"] = telegram.ApiBaseUrl,
        ["Network__AllowPrivateAddresses"] = "true",
        ["Storage__Directory"] = storage,
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
    };

    /// <summary>Starts a long-running command (the bot); disposing it stops the process and returns what it printed.</summary>
    public static Running Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        new(Process.Start(StartInfo(arguments, environment, workingDirectory))!);

    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string? workingDirectory)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "videobot"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["VIDEOBOT_CONFIG"] = RepoPaths.Config;
        // Operators' own overrides must not leak into the tests; the repo's config.yaml is the baseline.
        start.Environment.Remove("TELEGRAM_BOT_TOKEN");
        start.Environment["Plugins__Watch"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>A running videobot process; its output is collected for failure messages.</summary>
    public sealed class Running : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _stdout;
        private readonly Task<string> _stderr;

        public Running(Process process)
        {
            _process = process;
            _process.StandardInput.Close();
            _stdout = process.StandardOutput.ReadToEndAsync();
            _stderr = process.StandardError.ReadToEndAsync();
        }

        /// <summary>The process id, to read the process's own state under /proc.</summary>
        public int Id => _process.Id;

        /// <summary>Completes when the process ends by itself (a start-up error, a crash).</summary>
        public Task Exited => _process.WaitForExitAsync();

        /// <summary>
        /// Awaits <paramref name="wait"/> (a wait on the fake Bot API, say) unless the process ends first; either failure
        /// (the process gone, the wait timed out) carries what the process printed.
        /// </summary>
        public async Task<T> UnlessExitedAsync<T>(Task<T> wait)
        {
            try
            {
                if (await Task.WhenAny(wait, Exited) != wait)
                {
                    throw new InvalidOperationException("videobot exited\n" + await StopAsync());
                }

                return await wait;
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException(e.Message + "\n" + await StopAsync(), e);
            }
        }

        /// <summary>Stops the process (SIGKILL) and returns what it printed.</summary>
        public async Task<string> StopAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            return $"stdout:\n{await _stdout}\nstderr:\n{await _stderr}";
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _process.Dispose();
        }
    }
}
