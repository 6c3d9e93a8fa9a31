using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoBot.Host.Downloading;

/// <summary>A variant of an HLS master playlist.</summary>
/// <param name="Bandwidth">AVERAGE-BANDWIDTH when given (closer to the real size), else BANDWIDTH, in bit/s.</param>
/// <param name="SeparateAudio">True when its sound is a rendition of its own (EXT-X-MEDIA with a URI), not inside its segments.</param>
internal sealed record HlsVariant(Uri Url, long Bandwidth, int? Height, string? Codecs, bool SeparateAudio = false);

/// <summary>A segment of an HLS media playlist; <paramref name="Length"/>/<paramref name="Offset"/> come from EXT-X-BYTERANGE.</summary>
internal sealed record HlsSegment(Uri Url, double Duration, long? Length, long? Offset);

/// <summary>An HLS media playlist: its segments and the fMP4 initialization section, if any.</summary>
internal sealed record HlsMedia(IReadOnlyList<HlsSegment> Segments, Uri? InitSection, bool Encrypted)
{
    public TimeSpan Duration => TimeSpan.FromSeconds(Segments.Sum(s => s.Duration));
}

/// <summary>Reads the parts of RFC 8216 the downloader needs. URIs resolve against the playlist's own URL.</summary>
internal static partial class HlsPlaylist
{
    public static bool IsMaster(string text) => text.Contains("#EXT-X-STREAM-INF", StringComparison.Ordinal);

    /// <exception cref="FormatException">Not an HLS playlist.</exception>
    public static IReadOnlyList<HlsVariant> ParseMaster(string text, Uri baseUrl)
    {
        var variants = new List<(HlsVariant Variant, string? AudioGroup)>();
        var audioGroupsWithUri = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, string>? pending = null;
        foreach (var line in Lines(text))
        {
            if (line.StartsWith("#EXT-X-MEDIA:", StringComparison.Ordinal))
            {
                var media = Attributes(line["#EXT-X-MEDIA:".Length..]);
                if (media.GetValueOrDefault("TYPE") == "AUDIO" && media.ContainsKey("URI") && media.TryGetValue("GROUP-ID", out var group))
                {
                    audioGroupsWithUri.Add(group);
                }
            }
            else if (line.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal))
            {
                pending = Attributes(line["#EXT-X-STREAM-INF:".Length..]);
            }
            else if (pending is not null && !line.StartsWith('#'))
            {
                var bandwidth = Long(pending, "AVERAGE-BANDWIDTH") ?? Long(pending, "BANDWIDTH") ?? 0;
                int? height = pending.TryGetValue("RESOLUTION", out var res) && res.Split('x') is [_, var h] && int.TryParse(h, CultureInfo.InvariantCulture, out var hv) ? hv : null;
                variants.Add((new HlsVariant(Resolve(baseUrl, line), bandwidth, height, pending.GetValueOrDefault("CODECS")), pending.GetValueOrDefault("AUDIO")));
                pending = null;
            }
        }

        return [.. variants.Select(v => v.AudioGroup is { } g && audioGroupsWithUri.Contains(g) ? v.Variant with { SeparateAudio = true } : v.Variant)];
    }

    /// <exception cref="FormatException">Not an HLS playlist.</exception>
    public static HlsMedia ParseMedia(string text, Uri baseUrl)
    {
        var segments = new List<HlsSegment>();
        Uri? init = null;
        var encrypted = false;
        double? duration = null;
        (long Length, long? Offset)? range = null;
        long nextOffset = 0;
        foreach (var line in Lines(text))
        {
            if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                var value = line["#EXTINF:".Length..].Split(',')[0];
                duration = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 ? d : 0;
            }
            else if (line.StartsWith("#EXT-X-BYTERANGE:", StringComparison.Ordinal))
            {
                range = ByteRange(line["#EXT-X-BYTERANGE:".Length..]);
            }
            else if (line.StartsWith("#EXT-X-KEY:", StringComparison.Ordinal))
            {
                encrypted |= Attributes(line["#EXT-X-KEY:".Length..]).GetValueOrDefault("METHOD") is { } method && method != "NONE";
            }
            else if (line.StartsWith("#EXT-X-MAP:", StringComparison.Ordinal) && Attributes(line["#EXT-X-MAP:".Length..]).TryGetValue("URI", out var map))
            {
                init = Resolve(baseUrl, map);
            }
            else if (!line.StartsWith('#') && duration is not null)
            {
                long? length = null, offset = null;
                if (range is { } r)
                {
                    length = r.Length;
                    offset = r.Offset ?? nextOffset;
                    nextOffset = offset.Value + r.Length;
                }

                segments.Add(new HlsSegment(Resolve(baseUrl, line), duration.Value, length, offset));
                duration = null;
                range = null;
            }
        }

        return new HlsMedia(segments, init, encrypted);
    }

    private static IEnumerable<string> Lines(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0 || !lines[0].TrimStart('\uFEFF').StartsWith("#EXTM3U", StringComparison.Ordinal))
        {
            throw new FormatException("Not an HLS playlist: it does not start with #EXTM3U.");
        }

        return lines.Skip(1);
    }

    private static Uri Resolve(Uri baseUrl, string reference) =>
        Uri.TryCreate(baseUrl, reference, out var uri) ? uri : throw new FormatException("An HLS URI is malformed.");

    private static (long, long?) ByteRange(string value)
    {
        var parts = value.Split('@');
        var length = long.Parse(parts[0], CultureInfo.InvariantCulture);
        return (length, parts.Length > 1 ? long.Parse(parts[1], CultureInfo.InvariantCulture) : null);
    }

    private static long? Long(Dictionary<string, string> attributes, string name) =>
        attributes.TryGetValue(name, out var v) && long.TryParse(v, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    private static Dictionary<string, string> Attributes(string list)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in AttributePattern().Matches(list))
        {
            result[m.Groups["k"].Value] = m.Groups["q"].Success ? m.Groups["q"].Value : m.Groups["v"].Value;
        }

        return result;
    }

    [GeneratedRegex("(?<k>[A-Z0-9-]+)=(?:\"(?<q>[^\"]*)\"|(?<v>[^,]*))")]
    private static partial Regex AttributePattern();
}
