namespace VideoBot.Sdk.Media;

/// <summary>How a format's URL is fetched.</summary>
public enum StreamProtocol
{
    /// <summary>A plain file over HTTP(S).</summary>
    Http,

    /// <summary>An HLS playlist (<c>.m3u8</c>); the host downloads its segments with ffmpeg.</summary>
    Hls,

    /// <summary>A DASH manifest (<c>.mpd</c>); the host downloads it with ffmpeg.</summary>
    Dash,
}
