using System.ComponentModel.DataAnnotations;

namespace VideoBot.Host.Configuration;

/// <summary>Rules for every outgoing request, from the host, a plugin or yt-dlp. Section <c>Network</c>.</summary>
internal sealed class NetworkOptions
{
    public const string Section = "Network";

    /// <summary>
    /// Allow requests to loopback, private, link-local and cloud-metadata addresses. Default false: such requests are refused
    /// after DNS resolution and on every redirect. Only fixture sites and tests on 127.0.0.1 need it.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>
    /// Origin rewrites, <c>https://api.example.com</c> to <c>http://127.0.0.1:8080</c>: requests for the first origin go to the second,
    /// as curl's <c>--connect-to</c> does. For replaying recorded sites and for mirrors; the private-address rule still applies to
    /// the target. Default: none.
    /// </summary>
    public Dictionary<string, string> OriginOverrides { get; set; } = [];

    /// <summary>The User-Agent sent with requests. Default: a current desktop browser's.</summary>
    [Required]
    public string UserAgent { get; set; } = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>Timeout of one HTTP request made for a plugin. Default 15 s.</summary>
    [Range(1, 600)]
    public int RequestTimeoutSeconds { get; set; } = 15;

    /// <summary>Largest response body a plugin may read. Default 8 MB.</summary>
    [Range(1, 1024)]
    public int MaxPluginResponseMb { get; set; } = 8;

    /// <summary>Most redirects followed for one request. Default 8.</summary>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 8;
}
