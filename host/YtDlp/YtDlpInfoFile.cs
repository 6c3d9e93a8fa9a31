using System.Text.Json;

namespace VideoBot.Host.YtDlp;

/// <summary>
/// The document a download loads with <c>--load-info-json</c>: from the <c>-J</c> document of a description, the one video a
/// format belongs to. yt-dlp drops a playlist's entries when it loads one, so an album's item is written as its own video.
/// </summary>
internal static class YtDlpInfoFile
{
    /// <summary>
    /// The video of <paramref name="info"/> that lists <paramref name="formatUrl"/> (the root of a single video, or the entry
    /// of a playlist that holds the format), without <c>webpage_url</c>; null when none does or the document is not a video
    /// yt-dlp's own <c>-J</c> wrote, and the download then starts from the URL.
    /// </summary>
    /// <remarks>
    /// <c>webpage_url</c> goes because yt-dlp, when a loaded download fails, extracts that URL again on its own: a URL read from
    /// the document, not the one the host checked. Without it a failure ends the run, and the host decides (see
    /// <see cref="YtDlpEngine.DownloadAsync"/>).
    /// </remarks>
    public static byte[]? For(byte[] info, Uri formatUrl)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(formatUrl);
        try
        {
            using var document = JsonDocument.Parse(info, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var video = YtDlpJson.IsPlaylist(root)
                ? YtDlpJson.Entries(root).Cast<JsonElement?>().FirstOrDefault(e => Lists(e!.Value, formatUrl))
                : root;
            return video is { } chosen && IsVideo(chosen) ? Without(chosen, "webpage_url") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The description a describe-and-download run printed (<c>-j</c>), as a description of the whole video for later downloads:
    /// without the part that run fetched (<c>section_*</c>), which a later load would read as the video's whole length.
    /// </summary>
    public static byte[] FromRun(JsonElement video) =>
        Without(video, "section_start", "section_end", "section_title", "section_number");

    private static bool IsVideo(JsonElement video) =>
        !video.TryGetProperty("_type", out var type) || (type.ValueKind == JsonValueKind.String && type.GetString() == "video");

    private static bool Lists(JsonElement video, Uri formatUrl) =>
        video.TryGetProperty("formats", out var formats) && formats.ValueKind == JsonValueKind.Array
            ? formats.EnumerateArray().Any(f => Is(f, formatUrl))
            : Is(video, formatUrl);

    private static bool Is(JsonElement format, Uri url) =>
        format.ValueKind == JsonValueKind.Object
        && format.TryGetProperty("url", out var value)
        && value.ValueKind == JsonValueKind.String
        && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var listed)
        && listed == url;

    private static byte[] Without(JsonElement video, params string[] names)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in video.EnumerateObject().Where(p => !names.Contains(p.Name)))
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
