using System.ComponentModel;
using System.Text;
using CliWrap;
using Microsoft.Extensions.Logging;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.YtDlp;

/// <summary>
/// Runs yt-dlp once with CliWrap: arguments as a list (no shell), stdin closed, a hard time limit. Cancellation, the time limit
/// and <c>abort</c> all kill the process tree; CliWrap waits for it to exit, so no orphan outlives the call.
/// </summary>
internal sealed class YtDlpProcess(string executable, ILogger logger)
{
    private const int StderrLinesKept = 200;

    /// <summary>The outcome of a run that was not cancelled by the caller.</summary>
    /// <param name="Aborted">True when <c>abort</c> stopped it (for example, the size cap was passed).</param>
    public sealed record Result(int ExitCode, string Stderr, bool Aborted);

    /// <summary>Runs yt-dlp with <paramref name="arguments"/>, streaming stdout to <paramref name="stdout"/>.</summary>
    /// <exception cref="ExtractionException"><see cref="ExtractionErrorKind.Network"/> when the time limit passed; <see cref="ExtractionErrorKind.PluginFault"/> when yt-dlp can't start.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the process was killed.</exception>
    public async Task<Result> RunAsync(
        IReadOnlyList<string> arguments,
        string purpose,
        string workingDirectory,
        TimeSpan timeLimit,
        PipeTarget stdout,
        CancellationToken abort,
        CancellationToken cancellationToken)
    {
        var stderr = new Queue<string>();
        using var timeout = new CancellationTokenSource(timeLimit);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, abort);

        var command = global::CliWrap.Cli.Wrap(executable)
            .WithArguments(args => args.Add(arguments))
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(env => env
                // Titles are printed in the console's encoding; without these a non-UTF-8 locale breaks on the first emoji.
                .Set("PYTHONIOENCODING", "utf-8")
                .Set("PYTHONUTF8", "1"))
            .WithStandardInputPipe(PipeSource.Null)
            .WithStandardOutputPipe(stdout)
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
            {
                lock (stderr)
                {
                    stderr.Enqueue(line);
                    if (stderr.Count > StderrLinesKept)
                    {
                        stderr.Dequeue();
                    }
                }
            }))
            .WithValidation(CommandResultValidation.None);

        CommandTask<CommandResult> task;
        try
        {
            task = command.ExecuteAsync(linked.Token);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            throw NotFound(executable, e);
        }

        YtDlpLog.Started(logger, task.ProcessId, purpose);
        try
        {
            var result = await task;
            return new Result(result.ExitCode, Joined(stderr), Aborted: false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && abort.IsCancellationRequested)
        {
            return new Result(-1, Joined(stderr), Aborted: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            YtDlpLog.TimedOut(logger, (int)timeLimit.TotalSeconds, task.ProcessId);
            throw new ExtractionException(ExtractionErrorKind.Network, $"yt-dlp took longer than {(int)timeLimit.TotalSeconds} s ({purpose}) and was stopped.");
        }
    }

    /// <summary>The error for a missing yt-dlp binary.</summary>
    public static ExtractionException NotFound(string path, Exception? inner = null) =>
        new(ExtractionErrorKind.PluginFault, $"yt-dlp was not found at '{YtDlpFailure.Sanitize(path, 300)}': install it (scripts/setup.sh) or set YtDlp:Path.", inner);

    /// <summary>A stdout target that keeps at most <paramref name="limit"/> bytes (yt-dlp's JSON); the rest is drained and dropped.</summary>
    public static PipeTarget Bounded(MemoryStream buffer, int limit) => PipeTarget.Create(async (source, token) =>
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, token)) > 0)
        {
            var room = (int)Math.Min(read, Math.Max(0, limit - buffer.Length));
            buffer.Write(chunk, 0, room);
        }
    });

    /// <summary>
    /// A stdout target that hands <paramref name="onLine"/> each UTF-8 line, at most <paramref name="limit"/> characters of it
    /// (a longer line is cut there and its rest dropped, so a runaway line cannot fill the memory).
    /// </summary>
    public static PipeTarget Lines(int limit, Action<string> onLine) => PipeTarget.Create(async (source, token) =>
    {
        using var reader = new StreamReader(source, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 81920, leaveOpen: true);
        var line = new StringBuilder();
        var chunk = new char[81920];
        int read;
        while ((read = await reader.ReadAsync(chunk, token)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (chunk[i] != '\n')
                {
                    continue;
                }

                Append(line, chunk, start, i - start, limit);
                onLine(line.ToString().TrimEnd('\r'));
                line.Clear();
                start = i + 1;
            }

            Append(line, chunk, start, read - start, limit);
        }

        if (line.Length > 0)
        {
            onLine(line.ToString().TrimEnd('\r'));
        }
    });

    private static void Append(StringBuilder line, char[] chunk, int start, int count, int limit) =>
        line.Append(chunk, start, Math.Min(count, Math.Max(0, limit - line.Length)));

    private static string Joined(Queue<string> lines)
    {
        lock (lines)
        {
            return new StringBuilder().AppendJoin('\n', lines).ToString();
        }
    }
}
