using System.Globalization;
using System.Text.Json;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;
using VideoBot.Host.Plugins;

namespace VideoBot.Host.PluginTesting;

/// <summary>Compares an extraction's outcome with a manifest test's <c>expect</c> fields.</summary>
internal static class ExpectationChecker
{
    /// <summary>The fields a manifest test may expect, as the schema lists them.</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "title", "uploader", "description", "duration", "thumbnail", "canonicalUrl",
        "itemCount", "kind", "width", "height", "delegate", "error",
    };

    /// <summary>Checks a result against <paramref name="expect"/>; returns one line per mismatch.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyDictionary<string, JsonElement> expect, ExtractionResult? result, ExtractionException? error)
    {
        var failures = new List<string>();
        if (expect.TryGetValue("error", out var expectedError))
        {
            var actual = error?.Kind.ToString() ?? "no error";
            if (!string.Equals(actual, expectedError.GetString(), StringComparison.Ordinal))
            {
                failures.Add($"error: expected {expectedError.GetString()}, got {actual}{Detail(error)}");
            }

            return failures;
        }

        if (error is not null)
        {
            failures.Add($"extraction failed with {error.Kind}: {error.Message}");
            return failures;
        }

        foreach (var (field, expected) in expect)
        {
            var actual = Actual(field, result!);
            if (!Matches(expected, actual))
            {
                failures.Add($"{field}: expected {expected.GetRawText()}, got {Show(actual)}");
            }
        }

        return failures;
    }

    private static string Detail(ExtractionException? error) => error is null ? "" : $" ({error.Message})";

    private static object? Actual(string field, ExtractionResult result)
    {
        if (field == "delegate")
        {
            return result.YtDlp?.Url.AbsoluteUri;
        }

        var post = result.Post;
        if (post is null)
        {
            return $"<handed over to yt-dlp: {result.YtDlp!.Url}>";
        }

        var first = post.Items[0];
        var best = first.Formats.OrderByDescending(f => f.Height ?? 0).ThenByDescending(f => f.Width ?? 0).First();
        return field switch
        {
            "id" => post.Id,
            "title" => post.Title,
            "uploader" => post.Uploader,
            "description" => post.Description,
            "duration" => (post.Duration ?? first.Duration)?.TotalSeconds,
            "thumbnail" => (post.Thumbnail ?? first.Thumbnail)?.AbsoluteUri,
            "canonicalUrl" => post.CanonicalUrl?.AbsoluteUri,
            "itemCount" => post.Items.Count,
            "kind" => first.Kind.ToString().ToLowerInvariant(),
            "width" => best.Width,
            "height" => best.Height,
            _ => $"<unknown field '{field}'>",
        };
    }

    private static bool Matches(JsonElement expected, object? actual) => expected.ValueKind switch
    {
        JsonValueKind.Null => actual is null,
        JsonValueKind.String => actual is string s && string.Equals(s, expected.GetString(), StringComparison.Ordinal),
        // Durations come from sites in whole or fractional seconds: half a second either way is the same clip.
        JsonValueKind.Number => actual is not null and not string
            && Math.Abs(Convert.ToDouble(actual, CultureInfo.InvariantCulture) - expected.GetDouble()) <= 0.5,
        JsonValueKind.True or JsonValueKind.False => actual is bool b && b == expected.GetBoolean(),
        _ => false,
    };

    private static string Show(object? value) => value switch
    {
        null => "nothing",
        string s => JsonSerializer.Serialize(s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "nothing",
    };
}
