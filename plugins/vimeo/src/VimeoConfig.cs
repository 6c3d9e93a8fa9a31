using System.Globalization;
using System.Text.Json;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.Plugins.Vimeo;

/// <summary>
/// Reads the player config: <c>video</c> (id, title, duration, owner, thumbs, live_event) and <c>request.files</c>
/// (progressive MP4s, and HLS and DASH manifests per CDN with a <c>default_cdn</c>).
/// </summary>
internal static class VimeoConfig
{
    /// <summary>The player's <c>view</c> for a password-protected video.</summary>
    private const int PasswordView = 4;

    public static MediaPost ToPost(JsonElement config, string requestedId)
    {
        if (config.ValueKind != JsonValueKind.Object || !config.TryGetProperty("video", out var video) || video.ValueKind != JsonValueKind.Object)
        {
            throw new ExtractionException(ExtractionErrorKind.SiteChanged, $"the player config of {requestedId} has no \"video\" object");
        }

        if (Int(config, "view") == PasswordView)
        {
            throw new ExtractionException(ExtractionErrorKind.LoginRequired, $"Vimeo video {requestedId} is protected by a password");
        }

        var id = Text(video, "id") ?? requestedId;
        var duration = Double(video, "duration") is { } seconds and > 0 ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var thumbnail = Thumbnail(video);
        var formats = Formats(config);
        if (formats.Count == 0)
        {
            var live = video.TryGetProperty("live_event", out var e) && e.ValueKind == JsonValueKind.Object ? Text(e, "status") : null;
            throw new ExtractionException(ExtractionErrorKind.NoMedia, live is "pending" or "active"
                ? $"Vimeo video {id} is a live event that has not started"
                : $"the player config of {id} lists no playable files");
        }

        return new MediaPost
        {
            Id = id,
            Title = Text(video, "title"),
            Uploader = video.TryGetProperty("owner", out var owner) && owner.ValueKind == JsonValueKind.Object ? Text(owner, "name") : null,
            Duration = duration,
            Thumbnail = thumbnail,
            CanonicalUrl = Url(Text(video, "url")) ?? Url(Text(video, "share_url")) ?? new Uri($"https://vimeo.com/{id}"),
            Items =
            [
                new MediaItem { Kind = MediaKind.Video, Duration = duration, Thumbnail = thumbnail, Formats = formats },
            ],
        };
    }

    /// <summary>The message of an error answer (<c>{"message": "...", "title": "..."}</c>), when the body is one.</summary>
    public static string? ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? Text(document.RootElement, "message") ?? Text(document.RootElement, "title")
                : null;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }

    private static List<MediaFormat> Formats(JsonElement config)
    {
        var formats = new List<MediaFormat>();
        if (!config.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object
            || !request.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Object)
        {
            return formats;
        }

        if (files.TryGetProperty("progressive", out var progressive) && progressive.ValueKind == JsonValueKind.Array)
        {
            foreach (var file in progressive.EnumerateArray())
            {
                if (file.ValueKind == JsonValueKind.Object && Url(Text(file, "url")) is { } url)
                {
                    formats.Add(new MediaFormat
                    {
                        FormatId = "http-" + (Text(file, "quality") ?? Text(file, "profile") ?? formats.Count.ToString(CultureInfo.InvariantCulture)),
                        Url = url,
                        Protocol = StreamProtocol.Http,
                        Container = Text(file, "mime") is "video/webm" ? "webm" : "mp4",
                        Width = Int(file, "width"),
                        Height = Int(file, "height"),
                        Bitrate = Int(file, "bitrate") is { } kbps ? kbps * 1000L : null,
                    });
                }
            }
        }

        if (Manifest(files, "hls") is { } hls)
        {
            formats.Add(new MediaFormat { FormatId = "hls-" + hls.Cdn, Url = hls.Url, Protocol = StreamProtocol.Hls, Container = "mp4" });
        }
        else if (Manifest(files, "dash") is { } dash)
        {
            // DASH only when there is no HLS: Vimeo's master.json becomes a standard MPD under the same path.
            var mpd = new Uri(dash.Url.AbsoluteUri.Replace("/master.json", "/master.mpd", StringComparison.Ordinal));
            formats.Add(new MediaFormat { FormatId = "dash-" + dash.Cdn, Url = mpd, Protocol = StreamProtocol.Dash, Container = "mp4" });
        }

        return formats;
    }

    /// <summary>The manifest URL of the <c>default_cdn</c>, or of the first CDN that has one.</summary>
    private static (string Cdn, Uri Url)? Manifest(JsonElement files, string kind)
    {
        if (!files.TryGetProperty(kind, out var section) || section.ValueKind != JsonValueKind.Object
            || !section.TryGetProperty("cdns", out var cdns) || cdns.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var preferred = Text(section, "default_cdn");
        var ordered = cdns.EnumerateObject().OrderBy(c => c.Name == preferred ? 0 : 1);
        foreach (var cdn in ordered)
        {
            if (cdn.Value.ValueKind == JsonValueKind.Object && Url(Text(cdn.Value, "url")) is { } url)
            {
                return (cdn.Name, url);
            }
        }

        return null;
    }

    /// <summary>The widest of <c>thumbs</c> (keyed by width, plus <c>base</c>).</summary>
    private static Uri? Thumbnail(JsonElement video)
    {
        if (!video.TryGetProperty("thumbs", out var thumbs) || thumbs.ValueKind != JsonValueKind.Object)
        {
            return Url(Text(video, "thumbnail_url"));
        }

        var best = thumbs.EnumerateObject()
            .Select(t => (Width: int.TryParse(t.Name, NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) ? w : 0, Url: Url(Text(t.Value))))
            .Where(t => t.Url is not null)
            .OrderByDescending(t => t.Width)
            .FirstOrDefault();
        return best.Url;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? Text(value) : null;

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null;

    private static double? Double(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static Uri? Url(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url : null;
}
