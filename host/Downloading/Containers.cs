using System.Text.RegularExpressions;

namespace VideoBot.Host.Downloading;

/// <summary>Picks a downloaded file's extension. Only our own short, safe tokens ever reach a file name.</summary>
internal static partial class Containers
{
    private static readonly Dictionary<string, string> ByContentType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["video/mp4"] = "mp4",
        ["video/x-m4v"] = "mp4",
        ["video/quicktime"] = "mov",
        ["video/webm"] = "webm",
        ["video/x-matroska"] = "mkv",
        ["video/mp2t"] = "ts",
        ["video/3gpp"] = "3gp",
        ["image/jpeg"] = "jpg",
        ["image/jpg"] = "jpg",
        ["image/png"] = "png",
        ["image/webp"] = "webp",
        ["image/gif"] = "gif",
        ["image/heic"] = "heic",
        ["audio/mp4"] = "m4a",
        ["audio/x-m4a"] = "m4a",
        ["audio/aac"] = "aac",
        ["audio/mpeg"] = "mp3",
        ["audio/mp3"] = "mp3",
        ["audio/ogg"] = "ogg",
        ["audio/opus"] = "opus",
        ["audio/webm"] = "weba",
        ["audio/wav"] = "wav",
    };

    /// <summary>
    /// The container: the response's Content-Type when it is specific, else the format's declared container, else the URL's
    /// extension, else <c>bin</c>.
    /// </summary>
    public static string Choose(string? contentType, string? declared, Uri url)
    {
        if (contentType is not null && ByContentType.TryGetValue(contentType.Trim(), out var fromType))
        {
            return fromType;
        }

        if (Normalize(declared) is { } fromFormat)
        {
            return fromFormat;
        }

        return Normalize(Path.GetExtension(url.AbsolutePath).TrimStart('.')) ?? "bin";
    }

    /// <summary>A lower-case token of 2–5 letters or digits, or null: nothing else may become an extension.</summary>
    public static string? Normalize(string? extension)
    {
        if (extension is null)
        {
            return null;
        }

        var lower = extension.ToLowerInvariant();
        return lower == "jpeg" ? "jpg" : TokenPattern().IsMatch(lower) ? lower : null;
    }

    [GeneratedRegex("^[a-z0-9]{2,5}$")]
    private static partial Regex TokenPattern();
}
