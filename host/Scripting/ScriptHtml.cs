using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace VideoBot.Host.Scripting;

/// <summary>
/// The <c>html.*</c> helpers of one run. Documents are parsed with AngleSharp and every answer leaves as JSON text, so the script
/// only ever receives plain data. The last few parsed documents are kept because scripts typically ask several questions of
/// the same page. Work runs on the caller's thread: <see cref="ScriptRun"/> moves it off the engine's thread so the script is not
/// charged for the host's allocations.
/// </summary>
internal sealed class ScriptHtml : IDisposable
{
    private const int CachedDocuments = 2;

    private static readonly JsonDocumentOptions LenientJson = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private readonly List<(string Source, IHtmlDocument Document)> _cache = [];

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

        foreach (var script in Parse(html).QuerySelectorAll("script"))
        {
            var text = script.TextContent;
            for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
            {
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

        var result = new JsonArray();
        foreach (var element in matches)
        {
            result.Add(Describe(element));
        }

        return result.ToJsonString();
    }

    public void Dispose()
    {
        foreach (var (_, document) in _cache)
        {
            document.Dispose();
        }

        _cache.Clear();
    }

    private IHtmlDocument Parse(string html)
    {
        foreach (var (source, document) in _cache)
        {
            if (ReferenceEquals(source, html) || string.Equals(source, html, StringComparison.Ordinal))
            {
                return document;
            }
        }

        var parsed = new HtmlParser().ParseDocument(html);
        if (_cache.Count == CachedDocuments)
        {
            _cache[0].Document.Dispose();
            _cache.RemoveAt(0);
        }

        _cache.Add((html, parsed));
        return parsed;
    }

    private static IHtmlCollection<IElement> Select(IHtmlDocument document, string selector)
    {
        try
        {
            return document.QuerySelectorAll(selector);
        }
        catch (DomException)
        {
            throw new ScriptUsageException($"'{selector}' is not a valid CSS selector");
        }
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
