using System.Globalization;
using System.Text.Json;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.Host.YtDlp;

/// <summary>Reads yt-dlp's <c>-J</c> document into a <see cref="MediaPost"/>. yt-dlp's fields vary by extractor, so every one is optional.</summary>
internal static class YtDlpJson
{
    /// <summary>Parses <paramref name="json"/>: a video, or a playlist/multi-video whose entries become a carousel.</summary>
    /// <exception cref="ExtractionException"><see cref="ExtractionErrorKind.SiteChanged"/> for unreadable JSON, <see cref="ExtractionErrorKind.NoMedia"/> for no usable format.</exception>
    public static MediaPost Parse(string json)
    {
        using var document = Document(json);
        return Parse(document.RootElement);
    }

    /// <summary>Reads yt-dlp's output as JSON, for the readers below, which take its root.</summary>
    /// <exception cref="ExtractionException"><see cref="ExtractionErrorKind.SiteChanged"/> for unreadable JSON.</exception>
    public static JsonDocument Document(string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new ExtractionException(ExtractionErrorKind.SiteChanged, "yt-dlp's -J output is not JSON.", e);
        }
    }

    /// <summary>The post a parsed description (<see cref="Document"/>) names.</summary>
    /// <exception cref="ExtractionException">As <see cref="Parse(string)"/>.</exception>
    public static MediaPost Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ExtractionException(ExtractionErrorKind.SiteChanged, "yt-dlp's -J output is not a JSON object.");
        }

        var items = new List<MediaItem>();
        if (IsPlaylist(root))
        {
            foreach (var entry in Entries(root))
            {
                if (Item(entry) is { } item)
                {
                    items.Add(item);
                }
            }
        }
        else if (Item(root) is { } single)
        {
            items.Add(single);
        }

        if (items.Count == 0)
        {
            throw new ExtractionException(ExtractionErrorKind.NoMedia, "yt-dlp described the page but found no http, HLS or DASH format.");
        }

        return new MediaPost
        {
            Id = String(root, "id") ?? String(root, "display_id") ?? "unknown",
            Title = String(root, "title"),
            Description = String(root, "description"),
            Uploader = String(root, "uploader") ?? String(root, "channel") ?? String(root, "uploader_id"),
            Duration = items.Count == 1 ? items[0].Duration : Seconds(root, "duration"),
            Thumbnail = WebUri(root, "thumbnail") ?? items[0].Thumbnail,
            CanonicalUrl = WebUri(root, "webpage_url"),
            PublishedAt = Number(root, "timestamp") is { } ts && ts is > 0 and < 32_503_680_000
                ? DateTimeOffset.FromUnixTimeSeconds((long)ts)
                : null,
            Items = items,
        };
    }

    /// <summary>
    /// True when <paramref name="root"/>, one video's description, is an entry of an album or playlist of more than one (a
    /// page with a single embedded video is a playlist of one to some extractors).
    /// </summary>
    public static bool IsAlbumEntry(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && Number(root, "playlist_index") is not null
            && (Number(root, "n_entries") ?? Number(root, "playlist_count") ?? 2) > 1;

    /// <summary>
    /// The format yt-dlp chose for the video <paramref name="root"/> describes (the <c>-j</c> of a download): its fields at the
    /// top level, for a merge the pair's (the first part's URL and protocol); null when it names none.
    /// </summary>
    public static MediaFormat? Chosen(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || String(root, "format_id") is null)
        {
            return null;
        }

        var first = root.TryGetProperty("requested_formats", out var parts) && parts.ValueKind == JsonValueKind.Array
            ? parts.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(p => p!.Value.ValueKind == JsonValueKind.Object)
            : null;
        var url = WebUri(root, "url") ?? (first is { } f ? WebUri(f, "url") : null);
        var protocol = Protocol(String(root, "protocol")) ?? (first is { } p ? Protocol(String(p, "protocol")) : null);
        return url is null || protocol is null ? null : Format(root, url, protocol.Value);
    }

    /// <summary>Maps yt-dlp's protocol names; null for what the host can't fetch (rtmp, f4m, ism, mhtml storyboards, merged pairs).</summary>
    public static StreamProtocol? Protocol(string? protocol) => protocol switch
    {
        null or "http" or "https" => StreamProtocol.Http,
        "m3u8" or "m3u8_native" => StreamProtocol.Hls,
        "http_dash_segments" or "http_dash_segments_generator" or "dash" => StreamProtocol.Dash,
        _ => null,
    };

    /// <summary>True for a playlist or multi-video document with an entry list.</summary>
    public static bool IsPlaylist(JsonElement root) =>
        String(root, "_type") is "playlist" or "multi_video" && root.TryGetProperty("entries", out var entries) && entries.ValueKind == JsonValueKind.Array;

    /// <summary>The videos of a playlist document, nested playlists flattened, as many as become items.</summary>
    public static IEnumerable<JsonElement> Entries(JsonElement root) =>
        Flatten(root.GetProperty("entries")).Take(YtDlpArguments.MaxEntries);

    private static IEnumerable<JsonElement> Flatten(JsonElement entries)
    {
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                continue; // yt-dlp writes null for an unavailable entry.
            }

            if (String(entry, "_type") is "playlist" or "multi_video" && entry.TryGetProperty("entries", out var nested) && nested.ValueKind == JsonValueKind.Array)
            {
                foreach (var inner in nested.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return entry;
            }
        }
    }

    private static MediaItem? Item(JsonElement video)
    {
        var formats = new List<MediaFormat>();
        if (video.TryGetProperty("formats", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            formats.AddRange(list.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.Object).Select(Format).OfType<MediaFormat>());
        }
        else if (Format(video) is { } single)
        {
            // A single-format result carries its format's fields at the top level.
            formats.Add(single);
        }

        if (formats.Count == 0)
        {
            return null;
        }

        return new MediaItem
        {
            Kind = formats.All(f => !f.HasVideo) ? MediaKind.Audio : MediaKind.Video,
            Id = String(video, "id"),
            Title = String(video, "title"),
            Duration = Seconds(video, "duration"),
            Thumbnail = WebUri(video, "thumbnail"),
            Formats = formats,
        };
    }

    private static MediaFormat? Format(JsonElement f) =>
        WebUri(f, "url") is { } url && Protocol(String(f, "protocol")) is { } protocol ? Format(f, url, protocol) : null;

    private static MediaFormat Format(JsonElement f, Uri url, StreamProtocol protocol)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (f.TryGetProperty("http_headers", out var h) && h.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in h.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                headers[header.Name] = header.Value.GetString()!;
            }
        }

        var exact = Number(f, "filesize");
        var approx = Number(f, "filesize_approx");
        return new MediaFormat
        {
            FormatId = String(f, "format_id"),
            Url = url,
            Protocol = protocol,
            Headers = headers,
            Container = String(f, "ext"),
            VideoCodec = String(f, "vcodec"),
            AudioCodec = String(f, "acodec"),
            Width = Number(f, "width") is { } w ? (int)w : null,
            Height = Number(f, "height") is { } ht ? (int)ht : null,
            Bitrate = Number(f, "tbr") is { } tbr and > 0 ? (long)(tbr * 1000) : null, // tbr is in kbit/s.
            Size = exact is > 0 ? (long)exact : approx is > 0 ? (long)approx : null,
            SizeIsEstimate = exact is not > 0 && approx is > 0,
        };
    }

    private static string? String(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : null,
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    } : null;

    private static double? Number(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetDouble(out var d) && double.IsFinite(d) => d,
            JsonValueKind.String when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
            _ => null,
        };
    }

    private static TimeSpan? Seconds(JsonElement e, string name) =>
        Number(e, name) is { } s and > 0 and < 10_000_000 ? TimeSpan.FromSeconds(s) : null;

    private static Uri? WebUri(JsonElement e, string name) =>
        String(e, name) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;
}
