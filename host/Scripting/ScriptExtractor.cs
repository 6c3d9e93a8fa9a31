using Acornima;
using Acornima.Ast;
using Jint;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Scripting;

/// <summary>
/// Runs a script plugin in a fresh Jint sandbox per extraction. The file is read and parsed once, at construction (a changed
/// file gets a new extractor); each run gets its own engine on its own thread, so parallel runs share nothing.
/// </summary>
internal sealed class ScriptExtractor : IExtractor
{
    // Jint interprets recursively on the native stack; a dedicated thread with a known stack makes the stack-overflow guard
    // and the recursion limits behave the same on every platform, whatever the pool's default stack size is.
    private const int RunThreadStackBytes = 16 * 1024 * 1024;

    private readonly Prepared<Script> _script;

    /// <summary>Reads and parses the script.</summary>
    /// <exception cref="ExtractionException">PluginFault: the script is not valid JavaScript (the message says where).</exception>
    /// <exception cref="IOException">The file can't be read.</exception>
    public ScriptExtractor(string pluginId, string scriptPath, ScriptLimits limits)
    {
        PluginId = pluginId;
        ScriptPath = scriptPath;
        Limits = limits;
        var source = File.ReadAllText(scriptPath);
        try
        {
            _script = Engine.PrepareScript(source, Path.GetFileName(scriptPath), strict: true);
        }
        catch (Exception ex) when (ex is ScriptPreparationException or ParseErrorException)
        {
            var what = ex.InnerException is ParseErrorException parse ? $"{parse.Description} at line {parse.LineNumber}" : ex.Message;
            throw new ExtractionException(ExtractionErrorKind.PluginFault, $"script '{pluginId}' could not be parsed: {what}", ex);
        }
    }

    public string PluginId { get; }

    public string ScriptPath { get; }

    public ScriptLimits Limits { get; }

    public Task<ExtractionResult> ExtractAsync(ExtractionRequest request, IExtractionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();

        var outcome = new TaskCompletionSource<ExtractionResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Run(request, context, outcome, cancellationToken), RunThreadStackBytes)
        {
            IsBackground = true,
            Name = $"script {PluginId}",
        };
        thread.Start();
        return outcome.Task;
    }

    private void Run(ExtractionRequest request, IExtractionContext context, TaskCompletionSource<ExtractionResult> outcome, CancellationToken cancellationToken)
    {
        // The run's clock covers everything: the top level, extract(), and every awaited fetch (the token cancels them too).
        using var clock = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        clock.CancelAfter(Limits.Timeout);
        ScriptRun? run = null;
        try
        {
            run = new ScriptRun(PluginId, _script, Limits, context, clock.Token);
            outcome.TrySetResult(run.Execute(request));
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up: that is cancellation, whatever the script was doing when it noticed.
            outcome.TrySetCanceled(cancellationToken);
        }
        catch (Exception ex)
        {
            var failure = run?.Translate(ex, timedOut: clock.IsCancellationRequested)
                ?? new ExtractionException(ExtractionErrorKind.PluginFault, $"script '{PluginId}' could not start: {ex.Message}", ex);
            ScriptLog.RunFailed(context.Logger, failure, PluginId, failure.Kind.ToString());
            outcome.TrySetException(failure);
        }
        finally
        {
            // Stops fetches the script started but never awaited.
            clock.Cancel();
            run?.Dispose();
        }
    }
}
