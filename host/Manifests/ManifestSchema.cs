using System.Globalization;
using System.Text.Json;
using Json.Schema;
using Json.Schema.Keywords;

namespace VideoBot.Host.Manifests;

/// <summary>One schema violation, mapped to a JSON path and a plain-English reason, with its place for ordering.</summary>
internal sealed record SchemaProblem(string JsonPath, string Reason, int Order);

/// <summary>
/// <c>plugin-manifest.schema.json</c> (draft-07), embedded in the host at build time so the reader validates against the
/// schema it was built with wherever it runs from. Built once with JsonSchema.Net; evaluation is thread-safe once built.
/// The library says which keyword failed where; the reasons an operator reads are written here from the schema itself
/// (the allowed values, the limits, our own <c>errorMessage</c> beside a pattern) and the value found.
/// </summary>
internal static class ManifestSchema
{
    private const string ResourceName = "VideoBot.Host.plugin-manifest.schema.json";

    /// <summary>Plain-English text for a <c>pattern</c>, read from our own <c>errorMessage</c> keyword next to it.</summary>
    private const string ErrorMessageKeyword = "errorMessage";

    /// <summary>Pass or fail only, no annotations: what nearly every manifest needs, at a third less time than the list.</summary>
    private static readonly EvaluationOptions Check = NoAnnotations(OutputFormat.Flag);

    /// <summary>Every failed keyword with its place, for a manifest that failed the check.</summary>
    private static readonly EvaluationOptions Explain = NoAnnotations(OutputFormat.List);

    private static readonly Lazy<(JsonDocument Document, JsonSchema Schema)> Schema = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The schema as JSON, to read what a keyword demands (and for the tests that compare it with the model).</summary>
    public static JsonElement Json => Schema.Value.Document.RootElement;

    /// <summary>Validates a parsed document and describes every violation, in document order.</summary>
    public static IReadOnlyList<SchemaProblem> Validate(JsonElement document, JsonOutline outline)
    {
        if (Schema.Value.Schema.Evaluate(document, Check).IsValid)
        {
            return [];
        }

        var results = Schema.Value.Schema.Evaluate(document, Explain);

        var problems = new List<SchemaProblem>();
        foreach (var result in (IEnumerable<EvaluationResults>?)results.Details ?? [results])
        {
            if (result.Errors is not { Count: > 0 } errors)
            {
                continue;
            }

            var pointer = result.InstanceLocation.ToString();
            var value = Resolve(document, pointer);
            var schemas = SchemasAlong(result.EvaluationPath.ToString());
            foreach (var (keyword, message) in errors)
            {
                foreach (var (at, reason) in Describe(keyword, message, pointer, value, schemas))
                {
                    var place = outline.Place(at);
                    problems.Add(new SchemaProblem(place.JsonPath, reason, place.Order));
                }
            }
        }

        return [.. problems.Distinct().OrderBy(p => p.Order).ThenBy(p => p.JsonPath, StringComparer.Ordinal)];
    }

    private static EvaluationOptions NoAnnotations(OutputFormat format)
    {
        var options = new EvaluationOptions { OutputFormat = format };
        options.IgnoreAllAnnotations();
        return options;
    }

    private static (JsonDocument, JsonSchema) Load()
    {
        using var stream = typeof(ManifestSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The host was built without its embedded {ResourceName}.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return (JsonDocument.Parse(text), JsonSchema.FromText(text, Draft07WithInterpretedPatterns()));
    }

    /// <summary>
    /// Draft-07 with <see cref="InterpretedPattern"/> for <c>pattern</c>, under draft-07's own id so the schema's
    /// <c>$schema</c> finds it (a registry of its own: the library's global one keeps the stock draft-07).
    /// </summary>
    private static BuildOptions Draft07WithInterpretedPatterns()
    {
        var dialect = Dialect.Draft07.Without([PatternKeyword.Instance]).With([new InterpretedPattern()], Dialect.Draft07.Id);
        var dialects = new DialectRegistry();
        dialects.Register(dialect);
        return new BuildOptions { Dialect = dialect, DialectRegistry = dialects };
    }

    /// <summary>The reasons for one failed keyword, each with the pointer it is about (a missing property: its object).</summary>
    private static IEnumerable<(string Pointer, string Reason)> Describe(
        string keyword, string message, string pointer, JsonElement value, IReadOnlyList<JsonElement> schemas)
    {
        var schema = schemas[^1];
        switch (keyword)
        {
            case "required" when schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("required", out var required):
                foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
                {
                    if (value.ValueKind == JsonValueKind.Object && !value.TryGetProperty(name, out _))
                    {
                        yield return (pointer, $"the required property \"{name}\" is missing");
                    }
                }

                yield break;
            // the false schema of "additionalProperties": the property is not one of its object's schema
            case "" when schemas.Count >= 2:
                yield return (pointer, UnknownProperty(Unescape(pointer[(pointer.LastIndexOf('/') + 1)..]), schemas[^2]));
                yield break;
        }

        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty(keyword, out var demand))
        {
            yield return (pointer, $"is not valid here ({keyword}: {message})");
            yield break;
        }

        yield return (pointer, keyword switch
        {
            "type" => $"expected {JoinOr(Types(demand).Order(StringComparer.Ordinal).Select(TypeName))}, found {Found(value)}",
            "pattern" => schema.TryGetProperty(ErrorMessageKeyword, out var text)
                ? $"{Found(value)} {text.GetString()}"
                : $"{Found(value)} does not match the pattern {demand.GetString()}",
            "enum" => $"{Found(value)} is not allowed; use one of {JoinOr(demand.EnumerateArray().Select(Literal))}",
            "minLength" => demand.GetRawText() == "1" ? "must not be empty" : $"must be at least {demand.GetRawText()} characters long",
            "maxLength" => $"must be at most {demand.GetRawText()} characters long",
            "minimum" => $"{Found(value)} is too small; the minimum is {demand.GetRawText()}",
            "maximum" => $"{Found(value)} is too large; the maximum is {demand.GetRawText()}",
            "minItems" => demand.GetRawText() == "1" ? "must list at least one entry" : $"must list at least {demand.GetRawText()} entries",
            "maxItems" => $"must list at most {demand.GetRawText()} entries",
            "uniqueItems" => "lists the same value more than once",
            "minProperties" => "must not be empty",
            "maxProperties" => $"must have at most {demand.GetRawText()} properties",
            _ => $"is not valid here ({keyword}: {message})",
        });
    }

    private static string UnknownProperty(string property, JsonElement objectSchema)
    {
        var known = objectSchema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).ToList()
            : [];
        var suggestion = known
            .Select(k => (Name: k, Distance: Distance(k, property)))
            .Where(k => k.Distance <= 2 || string.Equals(k.Name, property, StringComparison.OrdinalIgnoreCase))
            .OrderBy(k => k.Distance)
            .Select(k => k.Name)
            .FirstOrDefault();
        return suggestion is null
            ? $"the property \"{property}\" is not allowed here; allowed: {string.Join(", ", known)}"
            : $"the property \"{property}\" is not allowed here; did you mean \"{suggestion}\"?";
    }

    /// <summary>
    /// The schemas an evaluation path goes through, from the root: <c>/properties/tests/items/$ref/required</c> passes the
    /// root, <c>properties/tests</c>, its <c>items</c> and the definition the <c>$ref</c> names. (The path, not the reported
    /// schema location, which JsonSchema.Net 8.0.5 writes wrongly below <c>items</c> and <c>additionalProperties</c>.)
    /// </summary>
    private static List<JsonElement> SchemasAlong(string evaluationPath)
    {
        var schemas = new List<JsonElement> { Json };
        var segments = evaluationPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape).ToList();
        for (var i = 0; i < segments.Count; i++)
        {
            var current = schemas[^1];
            if (segments[i] == "$ref")
            {
                schemas.Add(Resolve(Json, current.GetProperty("$ref").GetString()!.TrimStart('#')));
            }
            else if (segments[i] is "properties" or "definitions" or "patternProperties" && i + 1 < segments.Count)
            {
                schemas.Add(current.GetProperty(segments[i]).GetProperty(segments[++i]));
            }
            else if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segments[i], out var next))
            {
                schemas.Add(next);
            }
        }

        return schemas;
    }

    /// <summary>The value at a JSON Pointer (<c>""</c> is the whole document).</summary>
    private static JsonElement Resolve(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var segment in pointer.Split('/').Skip(1).Select(Unescape))
        {
            current = current.ValueKind == JsonValueKind.Array
                ? current[int.Parse(segment, CultureInfo.InvariantCulture)]
                : current.GetProperty(segment);
        }

        return current;
    }

    private static string Unescape(string segment) =>
        segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static IEnumerable<string> Types(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!) : [type.GetString()!];

    private static string TypeName(string type) => type switch
    {
        "string" => "a string",
        "number" => "a number",
        "integer" => "a whole number",
        "boolean" => "a boolean",
        "object" => "an object",
        "array" => "an array",
        _ => type,
    };

    /// <summary>What the document holds: short values quoted, long ones and containers by kind only.</summary>
    private static string Found(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when value.GetString()!.Length <= 80 => Literal(value),
        JsonValueKind.String => "a long string",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    /// <summary>A value as the manifest's author wrote it: a string in quotes, unescaped; anything else as JSON.</summary>
    private static string Literal(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? "\"" + value.GetString() + "\"" : value.GetRawText();

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
