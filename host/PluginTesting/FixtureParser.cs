using System.Text.Json;
using VideoBot.Host.Network;

namespace VideoBot.Host.PluginTesting;

/// <summary>Reads a test's <c>fixtures</c> map into responses, collecting every problem instead of stopping at the first.</summary>
internal static class FixtureParser
{
    private static readonly HashSet<string> ObjectFields = ["file", "body", "json", "status", "headers", "contentType"];

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".json"] = "application/json; charset=utf-8",
        [".html"] = "text/html; charset=utf-8",
        [".htm"] = "text/html; charset=utf-8",
        [".xml"] = "application/xml; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".m3u8"] = "application/vnd.apple.mpegurl",
        [".mpd"] = "application/dash+xml",
        [".mp4"] = "video/mp4",
        [".m4v"] = "video/mp4",
        [".m4a"] = "audio/mp4",
        [".mp3"] = "audio/mpeg",
        [".webm"] = "video/webm",
        [".ts"] = "video/mp2t",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".vtt"] = "text/vtt; charset=utf-8",
    };

    public static Dictionary<string, FixtureResponse> Parse(
        string pluginDirectory, IReadOnlyDictionary<string, JsonElement> fixtures, string fixturesPath, List<string> problems)
    {
        var root = Canonical(Path.GetFullPath(pluginDirectory));
        var result = new Dictionary<string, FixtureResponse>(StringComparer.Ordinal);
        foreach (var (url, element) in fixtures)
        {
            var where = $"{fixturesPath}[\"{url}\"]";
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"{where}: the key must be an absolute http or https URL");
                continue;
            }

            var response = element.ValueKind switch
            {
                JsonValueKind.String => FromFile(url, element.GetString()!, 200, null, [], root, where, problems),
                JsonValueKind.Object => FromObject(url, element, root, where, problems),
                _ => Problem(problems, $"{where}: must be a file path or an object {{ file, body, json, status, headers, contentType }}"),
            };
            if (response is not null && !result.TryAdd(Key(uri), response))
            {
                problems.Add($"{where}: the same URL as another fixture (query order does not count)");
            }
        }

        return result;
    }

    /// <summary>The match key: scheme, host, port and path exactly; query parameters sorted; no fragment.</summary>
    public static string Key(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        var sorted = query.Length == 0
            ? ""
            : "?" + string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        return $"{UrlText.Origin(uri)}{uri.AbsolutePath}{sorted}";
    }

    private static FixtureResponse? FromObject(string url, JsonElement element, string root, string where, List<string> problems)
    {
        var count = problems.Count;
        foreach (var property in element.EnumerateObject())
        {
            if (!ObjectFields.Contains(property.Name))
            {
                problems.Add($"{where}.{property.Name}: unknown field; use file, body, json, status, headers or contentType");
            }
        }

        var status = 200;
        if (element.TryGetProperty("status", out var statusElement)
            && (!statusElement.TryGetInt32(out status) || status is < 100 or > 599))
        {
            problems.Add($"{where}.status: must be an HTTP status between 100 and 599");
        }

        string? contentType = null;
        if (element.TryGetProperty("contentType", out var typeElement))
        {
            contentType = typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
            if (contentType is null)
            {
                problems.Add($"{where}.contentType: must be a string");
            }
        }

        var headers = Headers(element, where, problems);
        var file = element.TryGetProperty("file", out var f) ? f : (JsonElement?)null;
        var body = element.TryGetProperty("body", out var b) ? b : (JsonElement?)null;
        var json = element.TryGetProperty("json", out var j) ? j : (JsonElement?)null;
        if (new[] { file, body, json }.Count(e => e is not null) > 1)
        {
            problems.Add($"{where}: give only one of file, body and json");
        }

        if (problems.Count > count)
        {
            return null;
        }

        if (file is { } fileElement)
        {
            return fileElement.ValueKind == JsonValueKind.String
                ? FromFile(url, fileElement.GetString()!, status, contentType, headers, root, where + ".file", problems)
                : Problem(problems, $"{where}.file: must be a path relative to the plugin folder");
        }

        if (json is { } jsonElement)
        {
            return new FixtureResponse(url, status, null, FixtureResponse.Utf8.GetBytes(jsonElement.GetRawText()),
                contentType ?? "application/json; charset=utf-8", headers);
        }

        if (body is { } bodyElement && bodyElement.ValueKind != JsonValueKind.String)
        {
            return Problem(problems, $"{where}.body: must be a string; use json for structured data");
        }

        var text = body?.GetString() ?? "";
        return new FixtureResponse(url, status, null, FixtureResponse.Utf8.GetBytes(text),
            contentType ?? (text.Length > 0 ? "text/plain; charset=utf-8" : null), headers);
    }

    private static List<KeyValuePair<string, string[]>> Headers(JsonElement element, string where, List<string> problems)
    {
        var headers = new List<KeyValuePair<string, string[]>>();
        if (!element.TryGetProperty("headers", out var headersElement))
        {
            return headers;
        }

        if (headersElement.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}.headers: must be an object of header name to string or array of strings");
            return headers;
        }

        foreach (var header in headersElement.EnumerateObject())
        {
            string[]? values = header.Value.ValueKind switch
            {
                JsonValueKind.String => [header.Value.GetString()!],
                JsonValueKind.Array when header.Value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) =>
                    [.. header.Value.EnumerateArray().Select(v => v.GetString()!)],
                _ => null,
            };
            if (values is null)
            {
                problems.Add($"{where}.headers.{header.Name}: must be a string or an array of strings");
            }
            else
            {
                headers.Add(new(header.Name, values));
            }
        }

        return headers;
    }

    private static FixtureResponse? FromFile(
        string url, string relative, int status, string? contentType, IReadOnlyList<KeyValuePair<string, string[]>> headers,
        string root, string where, List<string> problems)
    {
        if (relative.Length == 0 || Path.IsPathRooted(relative) || relative.Contains('\0', StringComparison.Ordinal))
        {
            return Problem(problems, $"{where}: '{relative}' must be a path relative to the plugin folder");
        }

        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!IsInside(full, root))
        {
            return Problem(problems, $"{where}: '{relative}' is outside the plugin folder");
        }

        if (!File.Exists(full))
        {
            return Problem(problems, $"{where}: the file '{relative}' does not exist");
        }

        // A symbolic link inside the folder may still point outside it.
        if (!IsInside(Canonical(full), root))
        {
            return Problem(problems, $"{where}: '{relative}' links to a file outside the plugin folder");
        }

        return new FixtureResponse(url, status, full, [],
            contentType ?? ContentTypes.GetValueOrDefault(Path.GetExtension(full), "application/octet-stream"), headers);
    }

    private static bool IsInside(string path, string root) =>
        path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every symbolic link along it resolved (Path.GetFullPath only removes "..").</summary>
    private static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(full);
        var resolvedParent = parent is null ? null : Canonical(parent);
        var current = resolvedParent is null ? full : Path.Combine(resolvedParent, Path.GetFileName(full));
        FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
        return info.LinkTarget is null ? current : Canonical(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? current);
    }

    private static FixtureResponse? Problem(List<string> problems, string problem)
    {
        problems.Add(problem);
        return null;
    }
}
