using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Json.Schema.Keywords;

namespace VideoBot.Host.Manifests;

/// <summary>
/// The <c>pattern</c> keyword with its regular expressions interpreted instead of compiled. JsonSchema.Net 8 builds each
/// pattern with <see cref="RegexOptions.Compiled"/>: the twelve patterns of the manifest schema cost about 8 MB of native
/// memory (the JIT's work on the emitted code) at the first check and keep it for the life of the process, for a dozen
/// short strings per manifest. Same ECMAScript semantics; the evaluation and its results are the library's own.
/// </summary>
internal sealed class InterpretedPattern : IKeywordHandler
{
    public string Name => PatternKeyword.Instance.Name;

    public object? ValidateKeywordValue(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? new Regex(value.GetString()!, RegexOptions.ECMAScript)
        : throw new JsonSchemaException($"\"{Name}\" must be a string, found {value.ValueKind}");

    public void BuildSubschemas(KeywordData keyword, BuildContext context) => PatternKeyword.Instance.BuildSubschemas(keyword, context);

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context) => PatternKeyword.Instance.Evaluate(keyword, context);
}
