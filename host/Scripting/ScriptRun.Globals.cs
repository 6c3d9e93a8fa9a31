using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Scripting;

/// <summary>The globals of videobot.d.ts: <c>html</c>, <c>log</c>, <c>settings</c>, <c>fail</c> (and <c>http</c>, in ScriptRun.Fetch.cs, and
/// the value helpers, in ScriptRun.Helpers.cs).</summary>
internal sealed partial class ScriptRun
{
    private const int MaxLogLength = 2_000;

    // The kinds videobot.d.ts lets a script report. PermissionDenied is the host's to say, PluginFault is what any other throw means.
    private static readonly HashSet<string> ScriptErrorKinds =
    [
        nameof(ExtractionErrorKind.UnsupportedUrl), nameof(ExtractionErrorKind.NotFound), nameof(ExtractionErrorKind.LoginRequired),
        nameof(ExtractionErrorKind.GeoBlocked), nameof(ExtractionErrorKind.AgeRestricted), nameof(ExtractionErrorKind.RateLimited),
        nameof(ExtractionErrorKind.SiteChanged), nameof(ExtractionErrorKind.Network), nameof(ExtractionErrorKind.NoMedia),
    ];

    private void InstallGlobals()
    {
        // Captured before the script runs, so a script that replaces Promise.prototype.then cannot hide how its answer settled.
        _promiseThen = _engine.GetValue("Promise").Get("prototype").Get("then");

        GuardStringGrowth("repeat", (text, args) => (long)text.Length * (long)Math.Max(0, TypeConverter.ToNumber(args.At(0))));
        GuardStringGrowth("padStart", (_, args) => (long)Math.Max(0, TypeConverter.ToNumber(args.At(0))));
        GuardStringGrowth("padEnd", (_, args) => (long)Math.Max(0, TypeConverter.ToNumber(args.At(0))));

        SetFrozenGlobal("http", Namespace(("fetch", 2, Fetch), ("cookies", 1, Cookies)));
        SetFrozenGlobal("html", Namespace(
            ("meta", 1, (_, args) => Html("meta", args, 1, (html, doc, _) => html.Meta(doc))),
            ("jsonLd", 1, (_, args) => Html("jsonLd", args, 1, (html, doc, _) => html.JsonLd(doc))),
            ("scriptJson", 2, (_, args) => Html("scriptJson", args, 2, (html, doc, a) => html.ScriptJson(doc, a[0]))),
            ("scriptAssignment", 2, (_, args) => Html("scriptAssignment", args, 2, (html, doc, a) => html.ScriptAssignment(doc, a[0]))),
            ("select", 2, (_, args) => Html("select", args, 2, (html, doc, a) => html.Elements(doc, a[0], firstOnly: false))),
            ("selectOne", 2, (_, args) => Html("selectOne", args, 2, (html, doc, a) => html.Elements(doc, a[0], firstOnly: true)))));
        SetFrozenGlobal("log", Namespace(
            ("debug", 1, (_, args) => Log(args, ScriptLog.ScriptDebug)),
            ("info", 1, (_, args) => Log(args, ScriptLog.ScriptInfo)),
            ("warn", 1, (_, args) => Log(args, ScriptLog.ScriptWarn))));

        var settings = new JsObject(_engine);
        foreach (var (name, value) in _context.Settings)
        {
            settings.FastSetDataProperty(name, new JsString(value));
        }

        SetFrozenGlobal("settings", settings);
        _engine.SetValue("fail", new ClrFunction(_engine, "fail", Fail, 2));
        InstallHelpers();
    }

    private ObjectInstance Namespace(params (string Name, int Length, Func<JsValue, JsValue[], JsValue> Body)[] functions)
    {
        var result = new JsObject(_engine);
        foreach (var (name, length, body) in functions)
        {
            result.FastSetDataProperty(name, new ClrFunction(_engine, name, body, length));
        }

        return result;
    }

    private void SetFrozenGlobal(string name, ObjectInstance value)
    {
        _engine.Call(_engine.GetValue("Object").Get("freeze"), JsValue.Undefined, [value]);
        _engine.Global.DefineOwnProperty(name, new PropertyDescriptor(value, writable: false, enumerable: false, configurable: false));
    }

    // Jint charges a string to the memory limit only after building it, so `'x'.repeat(5e8)` would first allocate a gigabyte.
    // These wrappers refuse a result that alone is larger than the whole limit before the original method runs.
    private void GuardStringGrowth(string method, Func<string, JsValue[], long> resultLength)
    {
        var prototype = _engine.GetValue("String").Get("prototype").AsObject();
        var original = prototype.Get(method);
        var guard = new ClrFunction(_engine, method, (self, args) =>
        {
            var length = resultLength(TypeConverter.ToString(self), args);
            if (length * sizeof(char) > _limits.MemoryBytes)
            {
                throw new MemoryLimitExceededException($"String.prototype.{method} would build {length} characters");
            }

            return _engine.Call(original, self, args);
        }, 1);
        prototype.DefineOwnProperty(method, new PropertyDescriptor(guard, writable: true, enumerable: false, configurable: true));
    }

    private JsValue Html(string name, JsValue[] args, int arity, Func<ScriptHtml, string, string[], string?> helper)
    {
        var strings = new string[arity];
        for (var i = 0; i < arity; i++)
        {
            var arg = args.At(i);
            strings[i] = arg.IsString() ? arg.AsString() : throw TypeError($"html helpers take strings; argument {i + 1} is {arg.Type.ToString().ToLowerInvariant()}");
        }

        // Parsing a page allocates many times its size, counted by ScriptHtml against the run's memory limit before it starts;
        // on the pool, Jint's own count (of the engine thread's allocations) pays only for the plain data the script receives.
        // The engine's thread waits, bounded by the run's clock, and the work itself stops on the same token.
        string? json;
        try
        {
            json = Task.Run(() => helper(_html, strings[0], strings[1..]), _runToken).WaitAsync(_runToken).GetAwaiter().GetResult();
        }
        catch (ScriptUsageException ex)
        {
            throw TypeError(ex.Message);
        }
        catch (HtmlRefusedException ex)
        {
            throw HostError(new ExtractionException(ExtractionErrorKind.PluginFault, $"script '{_pluginId}': html.{name} refused the page: {ex.Message}"));
        }

        return json is null ? JsValue.Null : ToJs(json);
    }

    private JsValue Log(JsValue[] args, Action<Microsoft.Extensions.Logging.ILogger, string, string> write)
    {
        var value = args.At(0);
        var text = value.IsString() ? value.AsString() : Serialize(value) ?? "undefined";
        if (text.Length > MaxLogLength)
        {
            text = string.Concat(text.AsSpan(0, MaxLogLength), $"… ({text.Length - MaxLogLength} more characters)");
        }

        write(_context.Logger, _pluginId, text);
        return JsValue.Undefined;
    }

    private JsValue Fail(JsValue thisValue, JsValue[] args)
    {
        var kindText = TypeConverter.ToString(args.At(0));
        var message = TypeConverter.ToString(args.At(1));
        if (!ScriptErrorKinds.Contains(kindText) || !Enum.TryParse<ExtractionErrorKind>(kindText, out var kind))
        {
            throw TypeError($"fail() takes one of {string.Join(", ", ScriptErrorKinds)}; got '{kindText}'");
        }

        TimeSpan? retryAfter = null;
        if (args.At(2) is { } options && options.IsObject() && options.AsObject().Get("retryAfterSeconds") is { } seconds
            && seconds.IsNumber() && seconds.AsNumber() is > 0 and var value && value < ScriptValues.MaxRetryAfter.TotalSeconds)
        {
            retryAfter = TimeSpan.FromSeconds(value);
        }

        throw HostError(new ExtractionException(kind, $"script '{_pluginId}': {message}") { RetryAfter = retryAfter });
    }

    /// <summary>A JavaScript error the script may catch, that still means <paramref name="meaning"/> if it escapes.</summary>
    private JavaScriptException HostError(ExtractionException meaning) => new(HostErrorValue(meaning));

    private JsValue HostErrorValue(ExtractionException meaning)
    {
        var error = _engine.Construct(_engine.Intrinsics.Error, [new JsString(meaning.Message)]);
        error.FastSetDataProperty("kind", new JsString(meaning.Kind.ToString()));
        _hostErrors.Register(error, meaning);
        return error;
    }

    private JavaScriptException TypeError(string message) => new(_engine.Intrinsics.TypeError, message);
}
