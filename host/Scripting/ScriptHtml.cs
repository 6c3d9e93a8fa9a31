using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace VideoBot.Host.Scripting;

/// <summary>
/// The <c>html.*</c> helpers of one run. Documents are parsed with AngleSharp and every answer leaves as JSON text, so the script
/// only ever receives plain data. The last few parsed documents are kept because scripts typically ask several questions of
/// the same page. Work runs on the caller's thread: <see cref="ScriptRun"/> moves it off the engine's thread, whose allocations
/// Jint counts one by one, and charges it here instead, up front.
/// </summary>
/// <remarks>
/// Everything here is bounded by the run: a page is read for its shape first (<see cref="HtmlShape"/>) and refused when it
/// nests deeper than <see cref="HtmlShape.MaxDepth"/> or would cost more than the run's memory limit to parse; the parse and
/// every selection check the run's token between tokens and elements, so they stop when the run ends, not minutes later.
/// </remarks>
internal sealed class ScriptHtml : IDisposable
{
    private const int CachedDocuments = 2;

    // A marker found this many times without valid JSON after it is not the page's data.
    private const int MaxMarkerTries = 1_000;

    private static readonly JsonDocumentOptions LenientJson = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    private readonly List<(string Source, IHtmlDocument Document, long Cost)> _cache = [];
    private readonly long _budgetBytes;
    private readonly CancellationToken _runToken;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <param name="budgetBytes">The run's memory limit: what the documents held at once may cost.</param>
    /// <param name="runToken">The run's clock; parsing and selecting stop when it fires.</param>
    public ScriptHtml(long budgetBytes, CancellationToken runToken)
    {
        _budgetBytes = budgetBytes;
        _runToken = runToken;
    }

    /// <summary><c>meta</c>: property or name to content; the first value wins.</summary>
    public string Meta(string html)
    {
        var result = new JsonObject();
        foreach (var meta in Parse(html).QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            var content = meta.GetAttribute("content");
            if (!string.IsNullOrWhiteSpace(key) && content is not null && !result.ContainsKey(key.Trim()))
            {
                result[key.Trim()] = content;
            }
        }

        return result.ToJsonString();
    }

    /// <summary><c>jsonLd</c>: every ld+json block, arrays and <c>@graph</c> flattened; invalid blocks skipped.</summary>
    public string JsonLd(string html)
    {
        var result = new JsonArray();
        foreach (var script in Parse(html).QuerySelectorAll("script"))
        {
            _runToken.ThrowIfCancellationRequested();
            var type = script.GetAttribute("type")?.Trim();
            if (!string.Equals(type, "application/ld+json", StringComparison.OrdinalIgnoreCase)
                || TryParseJson(script.TextContent) is not { } node)
            {
                continue;
            }

            Flatten(node, result);
        }

        return result.ToJsonString();
    }

    /// <summary><c>scriptJson</c>: the JSON inside each element matching the selector; invalid ones skipped.</summary>
    public string ScriptJson(string html, string selector)
    {
        var result = new JsonArray();
        foreach (var element in Select(Parse(html), selector))
        {
            _runToken.ThrowIfCancellationRequested();
            if (TryParseJson(element.TextContent) is { } node)
            {
                result.Add(node);
            }
        }

        return result.ToJsonString();
    }

    /// <summary><c>scriptAssignment</c>: the JSON value after the first <paramref name="marker"/> that is followed by valid JSON.</summary>
    public string? ScriptAssignment(string html, string marker)
    {
        if (string.IsNullOrEmpty(marker))
        {
            throw new ScriptUsageException("html.scriptAssignment needs a non-empty marker");
        }

        var tries = 0;
        foreach (var script in Parse(html).QuerySelectorAll("script"))
        {
            var text = script.TextContent;
            for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
            {
                // Each try reads the rest of the script: a marker repeated a million times must not make that quadratic.
                if (++tries > MaxMarkerTries)
                {
                    return null;
                }

                _runToken.ThrowIfCancellationRequested();
                if (TryReadJsonValue(text.AsSpan(at + marker.Length)) is { } json)
                {
                    return json;
                }
            }
        }

        return null;
    }

    /// <summary><c>select</c> and <c>selectOne</c>: matching elements as plain data.</summary>
    public string Elements(string html, string selector, bool firstOnly)
    {
        var matches = Select(Parse(html), selector);
        if (firstOnly)
        {
            return matches.Count == 0 ? "null" : Describe(matches[0]).ToJsonString();
        }

        // Each match carries its inner HTML and text, so `select(page, "*")` on a deep page repeats the page once per level.
        var result = new JsonArray();
        var bytes = 0L;
        foreach (var element in matches)
        {
            _runToken.ThrowIfCancellationRequested();
            var described = Describe(element);
            bytes += 2L * (element.InnerHtml.Length + element.TextContent.Length);
            if (bytes > _budgetBytes)
            {
                throw new HtmlRefusedException($"the {matches.Count} elements matching '{selector}' come to more than the run's {Megabytes(_budgetBytes)} memory limit");
            }

            result.Add(described);
        }

        return result.ToJsonString();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var (_, document, _) in _cache)
            {
                document.Dispose();
            }

            _cache.Clear();
        }
    }

    private IHtmlDocument Parse(string html)
    {
        lock (_gate)
        {
            foreach (var (source, document, _) in _cache)
            {
                if (ReferenceEquals(source, html) || string.Equals(source, html, StringComparison.Ordinal))
                {
                    return document;
                }
            }
        }

        var cost = Charge(html);
        var parsed = new HtmlParser(new HtmlParserOptions
        {
            MaximumDepth = HtmlShape.MaxDepth,
            // The tokenizer reports each token: the one place inside a parse where the run's end can be noticed.
            OnToken = (_, _) => _runToken.ThrowIfCancellationRequested(),
        }).ParseDocument(html);
        lock (_gate)
        {
            if (_disposed)
            {
                parsed.Dispose();
                throw new OperationCanceledException(_runToken);
            }

            _cache.Add((html, parsed, cost));
        }

        return parsed;
    }

    // Refuses a page before parsing it when its shape says the parse would be too deep or too large, and makes room for it
    // among the cached documents, so what the run holds at once stays within its memory limit.
    private long Charge(string html)
    {
        var characterCost = HtmlShape.CostBytes(html.Length, 0);
        var elementsAllowed = (int)Math.Clamp((_budgetBytes - characterCost) / HtmlShape.CostBytes(0, 1), 0, int.MaxValue - 1);
        var shape = characterCost > _budgetBytes ? new HtmlShape(0, 0) : HtmlShape.Read(html, elementsAllowed);
        var cost = HtmlShape.CostBytes(html.Length, shape.Elements);
        if (cost > _budgetBytes)
        {
            throw new HtmlRefusedException(characterCost > _budgetBytes
                ? $"parsing its {Megabytes(html.Length * 2L)} would take about {Megabytes(cost)}, more than the run's {Megabytes(_budgetBytes)} memory limit"
                : $"parsing its {shape.Elements}+ elements would take more than the run's {Megabytes(_budgetBytes)} memory limit");
        }

        if (shape.Depth > HtmlShape.MaxDepth)
        {
            throw new HtmlRefusedException($"its elements nest {shape.Depth} levels deep, more than the {HtmlShape.MaxDepth} a parse allows");
        }

        lock (_gate)
        {
            while (_cache.Count > 0 && (_cache.Count >= CachedDocuments || _cache.Sum(c => c.Cost) + cost > _budgetBytes))
            {
                _cache[0].Document.Dispose();
                _cache.RemoveAt(0);
            }
        }

        return cost;
    }

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):0.#} MB";

    private List<IElement> Select(IHtmlDocument document, string selector)
    {
        if (selector.Length > SelectorCost.MaxLength)
        {
            throw new ScriptUsageException($"a CSS selector may be at most {SelectorCost.MaxLength} characters long");
        }

        ISelector? compiled;
        try
        {
            compiled = new CssSelectorParser().ParseSelector(selector);
        }
        catch (DomException)
        {
            compiled = null;
        }

        if (compiled is null)
        {
            throw new ScriptUsageException($"'{selector}' is not a valid CSS selector");
        }

        if (SelectorCost.Estimate(selector, document.All.Length) > SelectorCost.MaxPerElement)
        {
            throw new ScriptUsageException($"'{selector}' combines too many descendant or sibling combinators (or :has) to match in bounded time");
        }

        // AngleSharp's own QuerySelectorAll cannot be stopped; matching element by element lets the run's end stop it.
        var matches = new List<IElement>();
        foreach (var element in document.All)
        {
            _runToken.ThrowIfCancellationRequested();
            if (compiled.Match(element, scope: null))
            {
                matches.Add(element);
            }
        }

        return matches;
    }

    private static JsonObject Describe(IElement element)
    {
        var attrs = new JsonObject();
        foreach (var attr in element.Attributes)
        {
            attrs[attr.Name] = attr.Value;
        }

        return new JsonObject
        {
            ["tag"] = element.LocalName,
            ["text"] = element.TextContent.Trim(),
            ["html"] = element.InnerHtml,
            ["attrs"] = attrs,
        };
    }

    private static void Flatten(JsonNode node, JsonArray into)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array.ToArray())
                {
                    if (item is not null)
                    {
                        array.Remove(item);
                        Flatten(item, into);
                    }
                }

                break;
            case JsonObject obj when obj["@graph"] is JsonArray graph:
                obj.Remove("@graph");
                Flatten(graph, into);

                // A wrapper holding more than its @context is data of its own.
                if (obj.Any(pair => pair.Key != "@context"))
                {
                    into.Add(obj);
                }

                break;
            default:
                into.Add(node);
                break;
        }
    }

    private static JsonNode? TryParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text.Trim(), documentOptions: LenientJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Reads exactly one JSON value from the start of the text (after white space) and ignores what follows it:
    // `window.__X__ = {...};window.__Y__ = ...` is the usual shape.
    private static string? TryReadJsonValue(ReadOnlySpan<char> text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.IsEmpty || trimmed[0] is not ('{' or '[' or '"'))
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(trimmed.ToArray());
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
        });
        try
        {
            using var document = JsonDocument.ParseValue(ref reader);
            // Re-serialized, not the raw text: the raw text may carry comments or trailing commas JSON.parse rejects.
            return JsonSerializer.Serialize(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
