using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VideoBot.FakeTelegram.Api;

/// <summary>
/// The parameters of one Bot API call, whichever way they came (query string, urlencoded form, JSON body or
/// multipart form). Every value is kept as the text the real server would see: a JSON body's strings as
/// themselves, its numbers, booleans, arrays and objects as their JSON text. That is why an object parameter
/// (reply_markup, entities, media) reads the same from a form field holding JSON as from a JSON body.
/// </summary>
internal sealed class ApiParameters
{
    private readonly Dictionary<string, string> _values;
    private readonly Dictionary<string, UploadedFile> _files;

    public ApiParameters(Dictionary<string, string> values, Dictionary<string, UploadedFile> files)
    {
        _values = values;
        _files = files;
    }

    public IReadOnlyDictionary<string, string> Values => _values;

    public IReadOnlyDictionary<string, UploadedFile> Files => _files;

    public bool Has(string name) => _values.ContainsKey(name) || _files.ContainsKey(name);

    public string? String(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public long? Long(string name)
    {
        var text = String(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // The real server accepts "12.0" and "12" alike; it rejects garbage with a typed message.
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && real == Math.Floor(real))
        {
            return (long)real;
        }

        throw ApiErrors.BadRequest($"invalid {name} specified");
    }

    public int? Int(string name) => Long(name) is { } value ? (int)Math.Clamp(value, int.MinValue, int.MaxValue) : null;

    public bool Bool(string name)
    {
        var text = String(name);
        return text is not null && (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1");
    }

    /// <summary>A JSON-valued parameter (an object or array), or null when absent or empty.</summary>
    public JsonNode? Json(string name)
    {
        var text = String(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw ApiErrors.BadRequest($"can't parse {name} JSON object");
        }
    }

    public UploadedFile? File(string name) => _files.TryGetValue(name, out var file) ? file : null;
}
