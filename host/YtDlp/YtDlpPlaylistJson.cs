using System.Text.Json;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.YtDlp;

/// <summary>One entry of a flat listing: a link to fetch as a post of its own, and its title when the site gave one.</summary>
internal sealed record PlaylistEntry(int Index, Uri Url, string? Title);

/// <summary>A page of a playlist: its title, how many entries it has (when the site says), and the entries listed.</summary>
internal sealed record PlaylistPage(string? Title, int? Count, IReadOnlyList<PlaylistEntry> Entries);

/// <summary>
/// Reads <c>yt-dlp --flat-playlist -J</c>: a <c>playlist</c> document whose entries are <c>url</c> or <c>url_transparent</c>
/// references (<c>url</c>, else <c>webpage_url</c>; yt-dlp's own <c>#__youtubedl_smuggle</c> fragment is dropped), and
/// <c>playlist_count</c>, the whole list's length, which yt-dlp fills whenever the site tells it.
/// </summary>
internal static class YtDlpPlaylistJson
{
    /// <exception cref="ExtractionException">Not JSON (<see cref="ExtractionErrorKind.SiteChanged"/>), or not a playlist (<see cref="ExtractionErrorKind.NoMedia"/>).</exception>
    public static PlaylistPage Parse(string json, int first)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new ExtractionException(ExtractionErrorKind.SiteChanged, "yt-dlp's playlist listing is not JSON.", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "_type") is not ("playlist" or "multi_video")
                || !root.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                throw new ExtractionException(ExtractionErrorKind.NoMedia, "yt-dlp did not list a playlist at this address.");
            }

            var listed = new List<PlaylistEntry>();
            var index = first;
            foreach (var entry in entries.EnumerateArray())
            {
                // yt-dlp writes null for an unavailable entry; it still takes its place in the numbering.
                if (entry.ValueKind == JsonValueKind.Object && (Link(entry, "url") ?? Link(entry, "webpage_url")) is { } url)
                {
                    listed.Add(new PlaylistEntry(index, url, Text(entry, "title")));
                }

                index++;
            }

            var count = root.TryGetProperty("playlist_count", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) && n >= 0
                ? n
                : (int?)null;
            return new PlaylistPage(Text(root, "title"), count, listed);
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    /// <summary>An absolute http(s) link without its fragment (where yt-dlp smuggles its own data).</summary>
    private static Uri? Link(JsonElement e, string name)
    {
        if (Text(e, name) is not { } text || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return new UriBuilder(uri) { Fragment = string.Empty }.Uri;
    }
}
