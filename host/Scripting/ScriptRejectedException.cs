using Jint.Native;

namespace VideoBot.Host.Scripting;

/// <summary>The promise <c>extract()</c> returned was rejected with <see cref="Reason"/>.</summary>
internal sealed class ScriptRejectedException(JsValue reason) : Exception("extract() rejected")
{
    public JsValue Reason { get; } = reason;
}
