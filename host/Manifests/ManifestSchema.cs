using System.Globalization;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace VideoBot.Host.Manifests;

/// <summary>One schema violation, mapped to a JSON path and a plain-English reason, with its place for ordering.</summary>
internal sealed record SchemaProblem(string JsonPath, string Reason, int Line, int Position);

/// <summary>
/// <c>plugin-manifest.schema.json</c>, embedded in the host at build time so the reader validates against the schema it was
/// built with wherever it runs from. Parsed once; <see cref="JsonSchema"/> validation is thread-safe once built.
/// </summary>
internal static class ManifestSchema
{
    private const string ResourceName = "VideoBot.Host.plugin-manifest.schema.json";

    /// <summary>Plain-English text for a <c>pattern</c>, read from our own <c>errorMessage</c> keyword next to it.</summary>
    private const string ErrorMessageKeyword = "errorMessage";

    private static readonly string ObjectExpectedPrefix = $"expected {TypeName(JsonObjectType.Object)},";

    private static readonly Lazy<JsonSchema> Schema = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static JsonSchema Instance => Schema.Value;

    /// <summary>Validates a parsed document (loaded with line info) and describes every violation, in document order.</summary>
    public static IReadOnlyList<SchemaProblem> Validate(JToken document)
    {
        var problems = new List<SchemaProblem>();
        Describe(Instance.Validate(document), problems);
        // Where an object was expected and something else found, its missing properties are noise: say the one thing.
        var notObjects = problems.Where(p => p.Reason.StartsWith(ObjectExpectedPrefix, StringComparison.Ordinal)).Select(p => p.JsonPath).ToHashSet();
        return [.. problems
            .Where(p => !notObjects.Contains(p.JsonPath) || p.Reason.StartsWith(ObjectExpectedPrefix, StringComparison.Ordinal))
            .Distinct()
            .OrderBy(p => p.Line)
            .ThenBy(p => p.Position)
            .ThenBy(p => p.JsonPath, StringComparer.Ordinal)];
    }

    private static JsonSchema Load()
    {
        using var stream = typeof(ManifestSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The host was built without its embedded {ResourceName}.");
        using var reader = new StreamReader(stream);
        // FromJsonAsync only awaits reference resolution, and this schema refers to nothing outside itself.
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }

    private static void Describe(IEnumerable<ValidationError> errors, List<SchemaProblem> problems)
    {
        foreach (var error in errors)
        {
            switch (error)
            {
                // "one of the types" failed: report the types once, not one error per type
                case MultiTypeValidationError multi when error.Kind == ValidationErrorKind.NoTypeValidates:
                    problems.Add(At(error, $"expected {JoinOr(multi.Errors.Keys.Order().Select(TypeName))}, found {Found(error.Token)}"));
                    break;
                // wrappers around the errors of an array item or a map value: report what is inside
                case ChildSchemaValidationError child when error.Kind is ValidationErrorKind.ArrayItemNotValid
                    or ValidationErrorKind.AdditionalPropertiesNotValid or ValidationErrorKind.AdditionalItemNotValid:
                    Describe(child.Errors.Values.SelectMany(e => e), problems);
                    break;
                default:
                    problems.Add(At(error, Reason(error)));
                    break;
            }
        }
    }

    private static SchemaProblem At(ValidationError error, string reason) =>
        new(PathOf(error), reason, error.LineNumber, error.LinePosition);

    private static string PathOf(ValidationError error)
    {
        // Newtonsoft's token path is "tests[0].fixtures['https://a.test/x']": JSONPath without its leading '$'.
        var path = error.Token?.Path ?? "";
        if (error.Token is JProperty property)
        {
            path = property.Path; // an unknown property: point at the property itself
        }

        return path.Length == 0 ? "$" : path[0] == '[' ? "$" + path : "$." + path;
    }

    private static string Reason(ValidationError error)
    {
        var schema = error.Schema;
        var token = error.Token;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"the required property \"{error.Property}\" is missing",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => UnknownProperty(error),
            ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected
                or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
                or ValidationErrorKind.NullExpected =>
                $"expected {TypeName(Expected(error.Kind))}, found {Found(token)}",
            ValidationErrorKind.PatternMismatch => PatternReason(error),
            ValidationErrorKind.NotInEnumeration =>
                $"{Found(token)} is not allowed; use one of {JoinOr(schema?.Enumeration.Select(Literal) ?? [])}",
            ValidationErrorKind.StringTooShort => schema?.MinLength is null or 1
                ? "must not be empty"
                : $"must be at least {schema.MinLength} characters long",
            ValidationErrorKind.StringTooLong => $"must be at most {schema?.MaxLength} characters long",
            ValidationErrorKind.NumberTooSmall => $"{Found(token)} is too small; the minimum is {Number(schema?.Minimum)}",
            ValidationErrorKind.NumberTooBig or ValidationErrorKind.IntegerTooBig =>
                $"{Found(token)} is too large; the maximum is {Number(schema?.Maximum)}",
            ValidationErrorKind.TooFewItems => schema?.MinItems is null or 1
                ? "must list at least one entry"
                : $"must list at least {schema.MinItems} entries",
            ValidationErrorKind.TooManyItems => $"must list at most {schema?.MaxItems} entries",
            ValidationErrorKind.ItemsNotUnique => "lists the same value more than once",
            ValidationErrorKind.TooFewProperties => "must not be empty",
            ValidationErrorKind.TooManyProperties => $"must have at most {schema?.MaxProperties} properties",
            _ => $"is not valid here ({error.Kind})",
        };
    }

    private static string UnknownProperty(ValidationError error)
    {
        var known = error.Schema?.ActualProperties.Keys ?? (IEnumerable<string>)[];
        var suggestion = known
            .Select(k => (Name: k, Distance: Distance(k, error.Property ?? "")))
            .Where(k => k.Distance <= 2 || string.Equals(k.Name, error.Property, StringComparison.OrdinalIgnoreCase))
            .OrderBy(k => k.Distance)
            .Select(k => k.Name)
            .FirstOrDefault();
        return suggestion is null
            ? $"the property \"{error.Property}\" is not allowed here; allowed: {string.Join(", ", known)}"
            : $"the property \"{error.Property}\" is not allowed here; did you mean \"{suggestion}\"?";
    }

    private static string PatternReason(ValidationError error)
    {
        var message = error.Schema?.ExtensionData?.TryGetValue(ErrorMessageKeyword, out var text) == true ? text as string : null;
        return message is null
            ? $"{Found(error.Token)} does not match the pattern {error.Schema?.Pattern}"
            : $"{Found(error.Token)} {message}";
    }

    private static JsonObjectType Expected(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.StringExpected => JsonObjectType.String,
        ValidationErrorKind.NumberExpected => JsonObjectType.Number,
        ValidationErrorKind.IntegerExpected => JsonObjectType.Integer,
        ValidationErrorKind.BooleanExpected => JsonObjectType.Boolean,
        ValidationErrorKind.ObjectExpected => JsonObjectType.Object,
        ValidationErrorKind.ArrayExpected => JsonObjectType.Array,
        _ => JsonObjectType.Null,
    };

    private static string TypeName(JsonObjectType type) => type switch
    {
        JsonObjectType.String => "a string",
        JsonObjectType.Number => "a number",
        JsonObjectType.Integer => "a whole number",
        JsonObjectType.Boolean => "a boolean",
        JsonObjectType.Object => "an object",
        JsonObjectType.Array => "an array",
        JsonObjectType.Null => "null",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>What the document holds: short values quoted, long ones and containers by kind only.</summary>
    private static string Found(JToken? token) => token switch
    {
        JProperty property => Found(property.Value),
        JValue { Type: JTokenType.String } value when ((string)value!).Length <= 80 => Literal(value.Value),
        JValue { Type: JTokenType.String } => "a long string",
        JValue { Type: JTokenType.Integer or JTokenType.Float } value => Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? "a number",
        JValue { Type: JTokenType.Boolean } value => (bool)value! ? "true" : "false",
        JValue { Type: JTokenType.Null } or null => "null",
        JArray => "an array",
        JObject => "an object",
        _ => token.Type.ToString().ToLowerInvariant(),
    };

    private static string Literal(object? value) => value switch
    {
        string s => "\"" + s + "\"",
        null => "null",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static string JoinOr(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list[..^1]) + " or " + list[^1];
    }

    /// <summary>Levenshtein distance, for "did you mean" on unknown properties; names are short, so the plain DP is fine.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
