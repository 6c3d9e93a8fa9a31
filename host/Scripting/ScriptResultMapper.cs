using System.Globalization;
using System.Text.Json;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.Host.Scripting;

/// <summary>
/// Turns what <c>extract()</c> answered (as JSON) into an <see cref="ExtractionResult"/>, checking it against videobot.d.ts.
/// A malformed answer is a <see cref="ExtractionErrorKind.PluginFault"/> that names the exact field and what is wrong with it.
/// </summary>
internal static class ScriptResultMapper
{
    public static ExtractionResult Map(JsonElement? answer, string pluginId)
    {
        var reader = new Reader(pluginId);
        if (answer is not { ValueKind: JsonValueKind.Object } root)
        {
            throw reader.Wrong($"extract() answered {Describe(answer)}; expected a MediaPost or a YtDlpDelegation object");
        }

        return root.TryGetProperty("delegate", out _) ? ExtractionResult.Delegate(reader.Delegation(root)) : ExtractionResult.FromPost(reader.Post(root));
    }

    private static string Describe(JsonElement? value) => value?.ValueKind switch
    {
        null or JsonValueKind.Undefined => "undefined",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "an object",
    };

    private sealed class Reader(string pluginId)
    {
        public ExtractionException Wrong(string what) =>
            new(ExtractionErrorKind.PluginFault, $"script '{pluginId}' answered a malformed result: {what}");

        public YtDlpRequest Delegation(JsonElement root)
        {
            if (String(root, "delegate", "delegate") != "yt-dlp")
            {
                throw Wrong("delegate must be \"yt-dlp\"");
            }

            var url = RequiredUrl(root, "url", "url");
            var args = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
            if (Optional(root, "extractorArgs") is { } extractorArgs)
            {
                foreach (var extractor in Object(extractorArgs, "extractorArgs").EnumerateObject())
                {
                    var path = $"extractorArgs.{extractor.Name}";
                    var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                    foreach (var argument in Object(extractor.Value, path).EnumerateObject())
                    {
                        values[argument.Name] = Strings(argument.Value, $"{path}.{argument.Name}");
                    }

                    args[extractor.Name] = values;
                }
            }

            return new YtDlpRequest(url) { ExtractorArgs = args };
        }

        public MediaPost Post(JsonElement root)
        {
            var id = String(root, "id", "id");
            if (string.IsNullOrWhiteSpace(id))
            {
                throw Wrong("id is missing or not a non-empty string");
            }

            if (Optional(root, "items") is not { ValueKind: JsonValueKind.Array } itemsValue)
            {
                throw Wrong("items is missing or not an array");
            }

            if (itemsValue.GetArrayLength() == 0)
            {
                // The script understood the post and found nothing in it (a text-only post): the site's answer, not a fault,
                // so it ends the chain with "no media" instead of trying another extractor on the same empty post.
                throw new ExtractionException(ExtractionErrorKind.NoMedia, $"script '{pluginId}' found no media in post '{id}' (items is empty)");
            }

            var items = itemsValue.EnumerateArray().Select((item, i) => Item(item, $"items[{i}]")).ToList();
            return new MediaPost
            {
                Id = id,
                Title = OptionalString(root, "title", "title"),
                Description = OptionalString(root, "description", "description"),
                Uploader = OptionalString(root, "uploader", "uploader"),
                Duration = Seconds(root, "duration", "duration"),
                Thumbnail = OptionalUrl(root, "thumbnail", "thumbnail"),
                CanonicalUrl = OptionalUrl(root, "canonicalUrl", "canonicalUrl"),
                PublishedAt = Date(root, "publishedAt", "publishedAt"),
                Items = items,
            };
        }

        private MediaItem Item(JsonElement item, string path)
        {
            Object(item, path);
            if (Optional(item, "formats") is not { ValueKind: JsonValueKind.Array } formatsValue || formatsValue.GetArrayLength() == 0)
            {
                throw Wrong($"{path}.formats is missing or not a non-empty array");
            }

            return new MediaItem
            {
                Kind = Enum<MediaKind>(item, "kind", $"{path}.kind", MediaKind.Video, "video, image, audio or animation"),
                Id = OptionalString(item, "id", $"{path}.id"),
                Title = OptionalString(item, "title", $"{path}.title"),
                Duration = Seconds(item, "duration", $"{path}.duration"),
                Thumbnail = OptionalUrl(item, "thumbnail", $"{path}.thumbnail"),
                Formats = formatsValue.EnumerateArray().Select((format, i) => Format(format, $"{path}.formats[{i}]")).ToList(),
            };
        }

        private MediaFormat Format(JsonElement format, string path)
        {
            Object(format, path);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Optional(format, "headers") is { } headersValue)
            {
                foreach (var header in Object(headersValue, $"{path}.headers").EnumerateObject())
                {
                    headers[header.Name] = header.Value.ValueKind == JsonValueKind.String
                        ? header.Value.GetString()!
                        : throw Wrong($"{path}.headers.{header.Name} is not a string");
                }
            }

            var size = Integer(format, "size", $"{path}.size");
            return new MediaFormat
            {
                Url = RequiredUrl(format, "url", $"{path}.url"),
                FormatId = OptionalString(format, "formatId", $"{path}.formatId"),
                Protocol = Enum<StreamProtocol>(format, "protocol", $"{path}.protocol", StreamProtocol.Http, "http, hls or dash"),
                Headers = headers,
                Container = OptionalString(format, "container", $"{path}.container"),
                VideoCodec = OptionalString(format, "videoCodec", $"{path}.videoCodec"),
                AudioCodec = OptionalString(format, "audioCodec", $"{path}.audioCodec"),
                Width = (int?)Integer(format, "width", $"{path}.width", int.MaxValue),
                Height = (int?)Integer(format, "height", $"{path}.height", int.MaxValue),
                Bitrate = Integer(format, "bitrate", $"{path}.bitrate"),
                Size = size,
                SizeIsEstimate = Optional(format, "sizeIsEstimate") is { } estimate
                    && (estimate.ValueKind is JsonValueKind.True or JsonValueKind.False ? estimate.GetBoolean() : throw Wrong($"{path}.sizeIsEstimate is not a boolean")),
            };
        }

        private static JsonElement? Optional(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        private JsonElement Object(JsonElement value, string path) =>
            value.ValueKind == JsonValueKind.Object ? value : throw Wrong($"{path} is not an object");

        private string? String(JsonElement obj, string name, string path) => OptionalString(obj, name, path);

        private string? OptionalString(JsonElement obj, string name, string path) => Optional(obj, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            _ => throw Wrong($"{path} is not a string"),
        };

        private IReadOnlyList<string> Strings(JsonElement value, string path) =>
            value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
                ? value.EnumerateArray().Select(v => v.GetString()!).ToList()
                : throw Wrong($"{path} is not an array of strings");

        private Uri RequiredUrl(JsonElement obj, string name, string path) =>
            OptionalUrl(obj, name, path) ?? throw Wrong($"{path} is missing");

        private Uri? OptionalUrl(JsonElement obj, string name, string path)
        {
            var text = OptionalString(obj, name, path);
            if (text is null)
            {
                return null;
            }

            return Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                ? url
                : throw Wrong($"{path} is not an absolute http(s) URL");
        }

        private TimeSpan? Seconds(JsonElement obj, string name, string path) => Optional(obj, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } value when value.GetDouble() is >= 0 and < 1e9 and var seconds => TimeSpan.FromSeconds(seconds),
            _ => throw Wrong($"{path} is not a non-negative number of seconds"),
        };

        private long? Integer(JsonElement obj, string name, string path, long max = long.MaxValue) => Optional(obj, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var number) && number >= 0 && number <= max => number,
            _ => throw Wrong($"{path} is not a non-negative whole number"),
        };

        private DateTimeOffset? Date(JsonElement obj, string name, string path)
        {
            var text = OptionalString(obj, name, path);
            if (text is null)
            {
                return null;
            }

            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                ? date
                : throw Wrong($"{path} is not an ISO 8601 date");
        }

        private T Enum<T>(JsonElement obj, string name, string path, T fallback, string allowed)
            where T : struct, System.Enum
        {
            var text = OptionalString(obj, name, path);
            if (text is null)
            {
                return fallback;
            }

            // Exact lower-case names only, as videobot.d.ts spells them: no numbers, no other casing.
            return text.Length > 0 && text.All(char.IsAsciiLetterLower) && System.Enum.TryParse<T>(text, ignoreCase: true, out var value)
                ? value
                : throw Wrong($"{path} is '{text}'; expected {allowed}");
        }
    }
}
