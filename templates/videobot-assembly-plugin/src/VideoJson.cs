using System.Text.Json;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.Plugins.ExamplePlugin;

/// <summary>
/// Reads the API's video document: <c>{ "id", "title", "author": { "name" }, "duration", "thumbnail_url",
/// "files": [ { "url", "width", "height", "size", "container" } ] }</c>. Missing optional fields are left out; a document
/// without the structure the plugin relies on is <see cref="ExtractionErrorKind.SiteChanged"/>.
/// </summary>
internal static class VideoJson
{
    public static MediaPost ToPost(JsonElement video, string id)
    {
        if (video.ValueKind != JsonValueKind.Object)
        {
            throw new ExtractionException(ExtractionErrorKind.SiteChanged, $"the API answer for {id} is not an object");
        }

        if (!video.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
        {
            throw new ExtractionException(ExtractionErrorKind.SiteChanged, $"the API answer for {id} has no files array");
        }

        var formats = files.EnumerateArray().Select(ToFormat).OfType<MediaFormat>().ToList();
        if (formats.Count == 0)
        {
            throw new ExtractionException(ExtractionErrorKind.NoMedia, $"video {id} has no playable file");
        }

        var duration = Number(video, "duration") is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var thumbnail = AbsoluteUrl(Text(video, "thumbnail_url"));
        return new MediaPost
        {
            Id = Text(video, "id") ?? id,
            Title = Text(video, "title"),
            Uploader = video.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.Object ? Text(author, "name") : null,
            Duration = duration,
            Thumbnail = thumbnail,
            CanonicalUrl = new Uri($"https://example.com/videos/{Uri.EscapeDataString(id)}"),
            Items = [new MediaItem { Kind = MediaKind.Video, Duration = duration, Thumbnail = thumbnail, Formats = formats }],
        };
    }

    private static MediaFormat? ToFormat(JsonElement file)
    {
        if (file.ValueKind != JsonValueKind.Object || AbsoluteUrl(Text(file, "url")) is not { } url)
        {
            return null;
        }

        return new MediaFormat
        {
            Url = url,
            Container = Text(file, "container") ?? "mp4",
            Width = (int?)Number(file, "width"),
            Height = (int?)Number(file, "height"),
            Size = (long?)Number(file, "size"),
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.GetDouble() is > 0 and var n
            ? n
            : null;

    /// <summary>Only absolute http(s) URLs leave the plugin: the host refuses anything else anyway.</summary>
    private static Uri? AbsoluteUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : null;
}
