using Jint.Native;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Scripting;

/// <summary>
/// The JavaScript errors the host itself raised in one run (by <c>fail()</c>, or for a refused or failed fetch), each with the
/// <see cref="ExtractionException"/> it stands for. Matched by object identity, so a script cannot forge a kind by building
/// a look-alike error; it can only rethrow the host's own.
/// </summary>
internal sealed class ScriptHostErrors
{
    private readonly Dictionary<object, ExtractionException> _errors = new(ReferenceEqualityComparer.Instance);

    public void Register(JsValue error, ExtractionException meaning) => _errors[error] = meaning;

    public ExtractionException? Find(JsValue? thrown) =>
        thrown is not null && _errors.TryGetValue(thrown, out var meaning) ? meaning : null;
}
