using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace VideoBot.Host.Configuration;

/// <summary>The yt-dlp engine. Section <c>YtDlp</c>.</summary>
internal sealed partial class YtDlpOptions : IValidatableObject
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

    /// <summary>
    /// Per-plugin browser impersonation (<c>--impersonate</c>), by plugin id: a target such as <c>chrome</c>,
    /// <c>chrome-124</c> or <c>safari:ios</c>. Passed only when this yt-dlp lists the target as available (it needs
    /// curl_cffi); otherwise the run goes without it and <c>videobot plugins</c> says why. Default: none (yt-dlp's own
    /// extractors still impersonate where they ask for it and curl_cffi is present).
    /// </summary>
    public Dictionary<string, string> Impersonate { get; set; } = [];

    /// <summary>
    /// Update yt-dlp once a day, the way it was installed (pip in its virtual environment, or <c>yt-dlp -U</c> for the release
    /// binary); a system package is left to apt. Default false (true in the Docker image).
    /// </summary>
    public bool AutoUpdate { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (plugin, target) in Impersonate)
        {
            if (!ImpersonateTargetPattern().IsMatch(target ?? ""))
            {
                yield return new ValidationResult(
                    $"YtDlp:Impersonate:{plugin} must be a yt-dlp impersonation target such as chrome, chrome-124 or safari:ios.",
                    [nameof(Impersonate)]);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.]{1,32}(-[A-Za-z0-9_.]{1,32})?(:[A-Za-z0-9_.]{1,32}(-[A-Za-z0-9_.]{1,32})?)?$")]
    private static partial Regex ImpersonateTargetPattern();
}
