using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;
using Jint.Runtime.Interop;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Scripting;

/// <summary>
/// One extraction by one script: a fresh, constrained engine, the host API, and a small event loop that settles fetches.
/// Everything here runs on one dedicated thread (see <see cref="ScriptExtractor"/>): a Jint engine is not thread-safe, and its
/// memory limit counts the allocations of the thread it runs on.
/// </summary>
internal sealed partial class ScriptRun : IDisposable
{
    private static readonly Prepared<Script> FindExtract =
        Engine.PrepareScript("typeof extract === 'function' ? extract : undefined", "videobot:find-extract", strict: true);

    private readonly string _pluginId;
    private readonly Prepared<Script> _script;
    private readonly ScriptLimits _limits;
    private readonly IExtractionContext _context;
    private readonly CancellationToken _runToken;
    private readonly ScriptHostErrors _hostErrors = new();
    private readonly Engine _engine;
    private readonly ScriptHtml _html;
    private JsValue _promiseThen = JsValue.Undefined;

    public ScriptRun(string pluginId, Prepared<Script> script, ScriptLimits limits, IExtractionContext context, CancellationToken runToken)
    {
        _pluginId = pluginId;
        _script = script;
        _limits = limits;
        _context = context;
        _runToken = runToken;
        _html = new ScriptHtml(limits.MemoryBytes, runToken);
        _engine = new Engine(options =>
        {
            options.Strict();
            options.DisableStringCompilation();
            options.LimitMemory(limits.MemoryBytes);
            options.LimitRecursion(limits.MaxRecursion);

            // Per entry into the engine; the run-wide wall clock is the run token, cancelled by the extractor's timer.
            options.TimeoutInterval(limits.Timeout);
            options.CancellationToken(runToken);
            options.Constraint(new RunStatementBudget(limits.MaxStatements));

            // Recursion through getters, coercions or `new` can reach a function without a counted call: the guard turns
            // an imminent native stack overflow (which would kill the process) into a RangeError.
            options.Constraints.StackOverflowGuard = true;

            // A regular expression runs inside .NET's Regex, where no statement or cancellation check happens.
            options.Constraints.RegexTimeout = limits.Timeout;
            options.Constraints.MaxArraySize = (uint)Math.Clamp(limits.MemoryBytes / sizeof(long), 1024, uint.MaxValue);
        });
    }

    /// <summary>Runs the script's top level, then <c>extract(request)</c>, and maps its answer.</summary>
    public ExtractionResult Execute(ExtractionRequest request)
    {
        InstallGlobals();
        _engine.Execute(in _script);

        var extract = _engine.Evaluate(in FindExtract);
        if (!extract.IsCallable())
        {
            throw new ExtractionException(ExtractionErrorKind.PluginFault, $"script '{_pluginId}' defines no global function extract(request)");
        }

        var answer = Settle(_engine.Call(extract, JsValue.Undefined, [ToJs(RequestJson(request))]));
        var json = Serialize(answer);
        using var document = json is null ? null : JsonDocument.Parse(json);
        return ScriptResultMapper.Map(document?.RootElement, _pluginId);
    }

    /// <summary>Turns whatever ended the run into the SDK's one failure type. Runs on the engine's thread.</summary>
    public ExtractionException Translate(Exception exception, bool timedOut)
    {
        var limit = _limits;
        return exception switch
        {
            ExtractionException extraction => extraction,
            _ when timedOut => Fault($"exceeded its {limit.Timeout.TotalMilliseconds:0} ms limit", exception),
            TimeoutException or RegexMatchTimeoutException => Fault($"exceeded its {limit.Timeout.TotalMilliseconds:0} ms limit", exception),
            MemoryLimitExceededException => Fault($"exceeded its {limit.MemoryBytes / (1024.0 * 1024):0.##} MB memory limit", exception),
            StatementsCountOverflowException => Fault($"exceeded its limit of {limit.MaxStatements} statements", exception),
            RecursionDepthOverflowException => Fault($"exceeded its recursion limit of {limit.MaxRecursion}", exception),
            JavaScriptException js => FromThrown(js.Error, js.Location.Start.Line, exception),
            ScriptRejectedException rejected => FromThrown(rejected.Reason, line: 0, exception),
            ScriptPreparationException or Acornima.ParseErrorException => Fault($"could not be parsed: {exception.Message}", exception),
            _ => Fault($"failed: {exception.Message}", exception),
        };
    }

    public void Dispose()
    {
        _html.Dispose();
        _engine.Dispose();
    }

    // Drives the engine's job queue until the answer settles. Fetches complete on pool threads; their promises are settled
    // here, on the engine's thread, so the engine never sees a second thread.
    private JsValue Settle(JsValue answer)
    {
        if (!answer.IsPromise())
        {
            return answer;
        }

        JsValue? fulfilled = null;
        JsValue? rejected = null;
        var settled = false;
        _engine.Call(_promiseThen, answer, [
            new ClrFunction(_engine, "onFulfilled", (_, args) => { settled = true; fulfilled = args.At(0); return JsValue.Undefined; }),
            new ClrFunction(_engine, "onRejected", (_, args) => { settled = true; rejected = args.At(0); return JsValue.Undefined; }),
        ]);

        while (true)
        {
            _engine.Advanced.ProcessTasks();
            if (settled)
            {
                break;
            }

            if (!SettleNextFetches())
            {
                throw new ExtractionException(
                    ExtractionErrorKind.PluginFault,
                    $"script '{_pluginId}': extract() returned a promise that can never settle (it awaits something nothing resolves)");
            }
        }

        return rejected is not null ? throw new ScriptRejectedException(rejected) : fulfilled ?? JsValue.Undefined;
    }

    private ExtractionException FromThrown(JsValue? thrown, int line, Exception exception)
    {
        if (_hostErrors.Find(thrown) is { } meaning)
        {
            return meaning;
        }

        var text = Describe(thrown);
        if (text.Contains("Maximum call stack size exceeded", StringComparison.Ordinal))
        {
            return Fault($"exceeded its recursion limit of {_limits.MaxRecursion}", exception);
        }

        if (line <= 0)
        {
            line = LineFromStack(thrown);
        }

        return Fault(line > 0 ? $"threw: {text} at line {line}" : $"threw: {text}", exception);
    }

    private ExtractionException Fault(string what, Exception? inner) =>
        new(ExtractionErrorKind.PluginFault, $"script '{_pluginId}' {what}", inner);

    private static string Describe(JsValue? thrown)
    {
        if (thrown is null)
        {
            return "undefined";
        }

        try
        {
            if (thrown.IsObject() && thrown.AsObject().Get("message") is { } message && message.IsString())
            {
                var name = thrown.AsObject().Get("name");
                return name.IsString() ? $"{name.AsString()}: {message.AsString()}" : message.AsString();
            }

            return thrown.IsString() ? thrown.AsString() : thrown.ToString();
        }
        catch (Exception ex) when (ex is JintException or JavaScriptException)
        {
            // A getter on the thrown object failed or ran out of budget: the value itself is all there is to say.
            return "(an error that could not be described)";
        }
    }

    private static int LineFromStack(JsValue? thrown)
    {
        try
        {
            if (thrown is not null && thrown.IsObject() && thrown.AsObject().Get("stack") is { } stack && stack.IsString()
                && LinePattern().Match(stack.AsString()) is { Success: true } match)
            {
                return int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        catch (JintException)
        {
            // No line, then.
        }

        return 0;
    }

    [GeneratedRegex(@":(\d+):\d+")]
    private static partial Regex LinePattern();

    private static string RequestJson(ExtractionRequest request)
    {
        var match = new JsonObject();
        foreach (var (name, value) in request.Match)
        {
            match[name] = value;
        }

        return new JsonObject
        {
            ["url"] = request.Url.AbsoluteUri,
            ["originalUrl"] = request.OriginalUrl,
            ["match"] = match,
        }.ToJsonString();
    }

    /// <summary>Plain data into the engine: JSON text parsed by the engine's own parser, so no host object crosses over.</summary>
    private JsValue ToJs(string json) => new JsonParser(_engine).Parse(json);

    /// <summary>A script value out of the engine as JSON text (functions and undefined vanish); null for undefined.</summary>
    private string? Serialize(JsValue value)
    {
        var json = new Jint.Native.Json.JsonSerializer(_engine).Serialize(value);
        return json.IsString() ? json.AsString() : null;
    }
}
