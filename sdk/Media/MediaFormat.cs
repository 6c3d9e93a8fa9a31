namespace VideoBot.Sdk.Media;

/// <summary>One way to fetch a media item: a URL, the headers it needs, and what it holds.</summary>
public sealed record MediaFormat
{
    /// <summary>The site's name for this format (for example <c>hd</c> or <c>720p</c>).</summary>
    public string? FormatId { get; init; }

    /// <summary>The file, playlist or manifest URL.</summary>
    public required Uri Url { get; init; }

    /// <summary>How <see cref="Url"/> is fetched.</summary>
    public StreamProtocol Protocol { get; init; } = StreamProtocol.Http;

    /// <summary>HTTP headers the site requires for this URL (a Referer, for example). Cookies are the host's business.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The container: <c>mp4</c>, <c>webm</c>, <c>jpg</c>...</summary>
    public string? Container { get; init; }

    /// <summary>The video codec (<c>avc1.64001F</c>, <c>vp9</c>), or <c>none</c> for an audio-only format.</summary>
    public string? VideoCodec { get; init; }

    /// <summary>The audio codec (<c>mp4a.40.2</c>, <c>opus</c>), or <c>none</c> for a silent or video-only format.</summary>
    public string? AudioCodec { get; init; }

    /// <summary>The width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>The height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>The total bitrate in bits per second.</summary>
    public long? Bitrate { get; init; }

    /// <summary>The size in bytes: exact when <see cref="SizeIsEstimate"/> is false.</summary>
    public long? Size { get; init; }

    /// <summary>True when <see cref="Size"/> is an estimate (from bitrate and duration, for example).</summary>
    public bool SizeIsEstimate { get; init; }

    /// <summary>True unless the format is known to hold no video.</summary>
    public bool HasVideo => !string.Equals(VideoCodec, "none", StringComparison.OrdinalIgnoreCase);

    /// <summary>True unless the format is known to hold no audio.</summary>
    public bool HasAudio => !string.Equals(AudioCodec, "none", StringComparison.OrdinalIgnoreCase);
}
