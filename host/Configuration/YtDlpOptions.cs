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

    /// <summary>
    /// Per-plugin cookies (Netscape format), by plugin id: one file, or a folder whose <c>*.txt</c> files are one account each,
    /// taken in turn. Default: none.
    /// </summary>
    public Dictionary<string, string> Cookies { get; set; } = [];

    /// <summary>How long an account the site refused (a rate limit, a login wall) is left out of the turn. Default 30 minutes.</summary>
    [Range(1, 10_080)]
    public int CookieRestMinutes { get; set; } = 30;

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
    /// What yt-dlp may fetch when it lacks it (<c>--remote-components</c>), passed only with a JS runtime and a yt-dlp that
    /// has the option. Default <c>ejs:npm</c>: the EJS scripts YouTube's challenges need, from the npm registry, for a yt-dlp
    /// without the <c>yt-dlp-ejs</c> package (Debian's); one that has it fetches nothing. Empty: never fetch.
    /// </summary>
    public List<string> RemoteComponents { get; set; } = ["ejs:npm"];

    /// <summary>
    /// Update yt-dlp once a day, the way it was installed (pip in its virtual environment, or <c>yt-dlp -U</c> for the release
    /// binary); a system package is left to apt. Default false (true in the Docker image).
    /// </summary>
    public bool AutoUpdate { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var component in RemoteComponents)
        {
            if (!RemoteComponentPattern().IsMatch(component ?? ""))
            {
                yield return new ValidationResult(
                    $"YtDlp:RemoteComponents: '{component}' is not a yt-dlp remote component such as ejs:npm or ejs:github.",
                    [nameof(RemoteComponents)]);
            }
        }

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

    [GeneratedRegex("^[a-z0-9_]{1,20}:[a-z0-9_]{1,20}$")]
    private static partial Regex RemoteComponentPattern();

    [GeneratedRegex("^[A-Za-z0-9_.]{1,32}(-[A-Za-z0-9_.]{1,32})?(:[A-Za-z0-9_.]{1,32}(-[A-Za-z0-9_.]{1,32})?)?$")]
    private static partial Regex ImpersonateTargetPattern();
}
