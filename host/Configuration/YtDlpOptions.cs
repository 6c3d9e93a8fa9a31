using System.ComponentModel.DataAnnotations;

namespace VideoBot.Host.Configuration;

/// <summary>The yt-dlp engine. Section <c>YtDlp</c>.</summary>
internal sealed class YtDlpOptions
{
    public const string Section = "YtDlp";

    /// <summary>The yt-dlp executable. Default <c>yt-dlp</c> from PATH.</summary>
    [Required]
    public string Path { get; set; } = "yt-dlp";

    /// <summary>The ffmpeg executable, for merging and HLS. Default <c>ffmpeg</c> from PATH.</summary>
    [Required]
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>Longest a metadata call (<c>-J</c>) may take. Default 60 s.</summary>
    [Range(1, 3600)]
    public int MetadataTimeoutSeconds { get; set; } = 60;

    /// <summary>Longest a download may take. Default 600 s.</summary>
    [Range(1, 86_400)]
    public int DownloadTimeoutSeconds { get; set; } = 600;

    /// <summary>Per-plugin cookies files (Netscape format), by plugin id. Default: none.</summary>
    public Dictionary<string, string> Cookies { get; set; } = [];

    /// <summary>Per-plugin proxies, by plugin id. Default: none.</summary>
    public Dictionary<string, string> Proxy { get; set; } = [];

    /// <summary>Allow the generic fallback plugin. Default true.</summary>
    public bool EnableGeneric { get; set; } = true;
}
