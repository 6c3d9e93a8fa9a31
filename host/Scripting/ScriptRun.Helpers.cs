using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace VideoBot.Host.Scripting;

/// <summary>
/// The value helpers of videobot.d.ts (SDK 1.1): <c>isObject</c>, <c>positive</c>, <c>httpsUrl</c>, <c>isoDuration</c>, <c>retryAfter</c>, which
/// plugins used to copy into every extractor. They run host-side, so nothing a script does to Array, RegExp or
/// Object.prototype changes their answers.
/// </summary>
internal sealed partial class ScriptRun
{
    private void InstallHelpers()
    {
        // Captured before the script runs, like Promise.prototype.then: a script that replaces Array.isArray fools only itself.
        var isArray = _engine.GetValue("Array").Get("isArray");

        SetHelper("isObject", (_, args) =>
            args.At(0) is ObjectInstance value && !value.IsCallable() && !TypeConverter.ToBoolean(_engine.Call(isArray, JsValue.Undefined, [value]))
                ? JsBoolean.True
                : JsBoolean.False);
        SetHelper("positive", (_, args) => Positive(args.At(0)));
        SetHelper("httpsUrl", (_, args) =>
            args.At(0).IsString() && ScriptValues.HttpsUrl(args.At(0).AsString()) is { } url ? new JsString(url) : JsValue.Undefined);
        SetHelper("isoDuration", (_, args) =>
            args.At(0).IsString() && ScriptValues.IsoDurationSeconds(args.At(0).AsString()) is { } seconds ? JsNumber.Create(seconds) : JsValue.Undefined);
        SetHelper("retryAfter", (_, args) =>
        {
            var headers = OwnData(args.At(0), "headers");
            var wait = ScriptValues.RetryAfter(OwnString(headers, "retry-after"), OwnString(headers, "date"), TimeProvider.System.GetUtcNow());
            return wait is { } seconds ? JsNumber.Create(seconds.TotalSeconds) : JsValue.Undefined;
        });
    }

    // Frozen and read-only, so a stray assignment throws instead of changing a helper halfway through a run. Configurable, so
    // a script written for SDK 1.0 that declares its own function of the same name still loads: its declaration replaces the
    // helper for its own run only (each run has its own engine), where a non-configurable global would make it a TypeError.
    private void SetHelper(string name, Func<JsValue, JsValue[], JsValue> body)
    {
        var function = new ClrFunction(_engine, name, body, 1);
        _engine.Call(_engine.GetValue("Object").Get("freeze"), JsValue.Undefined, [function]);
        _engine.Global.DefineOwnProperty(name, new PropertyDescriptor(function, writable: false, enumerable: false, configurable: true));
    }

    // A finite number above zero, from a number or a string as Number() reads it ("720", " 1.5 "); undefined for anything else.
    private static JsValue Positive(JsValue value)
    {
        var number = value.IsNumber() ? value.AsNumber() : value.IsString() ? TypeConverter.ToNumber(value) : double.NaN;
        return double.IsFinite(number) && number > 0 ? JsNumber.Create(number) : JsValue.Undefined;
    }

    // Own data properties only: a getter is not run and Object.prototype is not consulted, so planting "retry-after" on a
    // prototype or behind a getter changes nothing.
    private static JsValue OwnData(JsValue owner, string name) =>
        owner is ObjectInstance o && o.GetOwnProperty(name) is { } property && property != PropertyDescriptor.Undefined && property.IsDataDescriptor()
            ? property.Value ?? JsValue.Undefined
            : JsValue.Undefined;

    private static string? OwnString(JsValue owner, string name) => OwnData(owner, name) is { } value && value.IsString() ? value.AsString() : null;
}
