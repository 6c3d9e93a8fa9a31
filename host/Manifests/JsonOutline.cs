using System.Text;
using System.Text.Json;

namespace VideoBot.Host.Manifests;

/// <summary>One value of a document: its place in document order and its path as an operator reads it.</summary>
/// <param name="Order">0 for the root, then each property and array item in the order the text holds them.</param>
/// <param name="JsonPath">JSONPath, e.g. <c>$.tests[2].fixtures['https://a.test/x']</c>.</param>
internal readonly record struct JsonPlace(int Order, string JsonPath);

/// <summary>A property whose name its object already holds.</summary>
internal sealed record DuplicateProperty(string JsonPath, int Line, int Position);

/// <summary>
/// Where each value of a JSON text is, keyed by its JSON Pointer (as schema validation reports locations), so a problem can
/// be named by a readable path and problems sorted in document order; and the first property defined twice, which
/// <see cref="JsonDocument"/> would keep silently (the last one wins) though in a manifest it is always a mistake.
/// </summary>
internal sealed class JsonOutline
{
    private readonly Dictionary<string, JsonPlace> _places = new(StringComparer.Ordinal);

    private JsonOutline()
    {
    }

    /// <summary>The first property defined twice in its object, or null.</summary>
    public DuplicateProperty? Duplicate { get; private set; }

    /// <summary>The place of the value at <paramref name="pointer"/> (<c>""</c> for the root, <c>/tests/0/url</c>...).</summary>
    public JsonPlace Place(string pointer) =>
        _places.TryGetValue(pointer, out var place) ? place : new JsonPlace(int.MaxValue, "$" + pointer.Replace('/', '.'));

    /// <summary>Reads <paramref name="utf8"/>, already known to be valid JSON under <paramref name="options"/>.</summary>
    public static JsonOutline Read(ReadOnlySpan<byte> utf8, JsonReaderOptions options)
    {
        var outline = new JsonOutline();
        var reader = new Utf8JsonReader(utf8, options);
        // Per open container: its pointer and path, the next item's index (arrays) or the names seen (objects).
        var stack = new Stack<(string Pointer, string Path, int Index, HashSet<string>? Names)>();
        string? pendingPointer = null, pendingPath = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                {
                    var (pointer, path, _, names) = stack.Peek();
                    var name = reader.GetString()!;
                    pendingPointer = pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    pendingPath = path + Member(name);
                    if (!names!.Add(name) && outline.Duplicate is null)
                    {
                        var (line, position) = LineAndPosition(utf8, (int)reader.TokenStartIndex);
                        outline.Duplicate = new DuplicateProperty(pendingPath, line, position);
                    }

                    outline.Add(pendingPointer, pendingPath);
                    continue;
                }

                case JsonTokenType.Comment:
                    continue;
            }

            // A value: the root, a property's (already placed with its name) or an array item.
            string valuePointer, valuePath;
            if (pendingPointer is not null)
            {
                (valuePointer, valuePath) = (pendingPointer, pendingPath!);
                pendingPointer = pendingPath = null;
            }
            else if (stack.Count > 0 && stack.Peek().Names is null && reader.TokenType is not (JsonTokenType.EndArray or JsonTokenType.EndObject))
            {
                var parent = stack.Pop();
                stack.Push(parent with { Index = parent.Index + 1 });
                (valuePointer, valuePath) = (parent.Pointer + "/" + parent.Index, parent.Path + "[" + parent.Index + "]");
                outline.Add(valuePointer, valuePath);
            }
            else
            {
                (valuePointer, valuePath) = ("", "$");
                if (stack.Count == 0)
                {
                    outline.Add("", "$");
                }
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    stack.Push((valuePointer, valuePath, 0, new HashSet<string>(StringComparer.Ordinal)));
                    break;
                case JsonTokenType.StartArray:
                    stack.Push((valuePointer, valuePath, 0, null));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    stack.Pop();
                    break;
            }
        }

        return outline;
    }

    private void Add(string pointer, string path) => _places.TryAdd(pointer, new JsonPlace(_places.Count, path));

    /// <summary>A member as JSONPath writes it: <c>.name</c> for a plain name, else <c>['a.b/c']</c>.</summary>
    private static string Member(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$')
            ? "." + name
            : "['" + name.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", @"\'", StringComparison.Ordinal) + "']";

    /// <summary>1-based line and character position of the byte at <paramref name="index"/>.</summary>
    private static (int Line, int Position) LineAndPosition(ReadOnlySpan<byte> utf8, int index)
    {
        var before = utf8[..index];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (before.Count((byte)'\n') + 1, Encoding.UTF8.GetCharCount(before[lineStart..]) + 1);
    }
}
