using System.ComponentModel.DataAnnotations;

namespace VideoBot.Host.Configuration;

/// <summary>Where plugins live and how the operator steers them. Section <c>Plugins</c>.</summary>
internal sealed class PluginsOptions
{
    public const string Section = "Plugins";

    /// <summary>The plugins folder. Default <c>plugins</c>, relative to the config file's folder.</summary>
    [Required]
    public string Directory { get; set; } = "plugins";

    /// <summary>Ids of plugins to keep switched off. Default: none.</summary>
    public List<string> Disabled { get; set; } = [];

    /// <summary>Priority overrides by plugin id; higher runs first. Default: the manifests' priorities.</summary>
    public Dictionary<string, int> Priority { get; set; } = [];

    /// <summary>
    /// Domains the operator lets a plugin claim although another plugin already does (<c>Plugins:Claims:youtube.com: myyt</c>);
    /// the domain's subdomains are included. Without it (or a <see cref="Priority"/> entry for the plugin), a plugin declaring a
    /// domain another serving plugin claims is refused for that domain. Default: none.
    /// </summary>
    public Dictionary<string, string> Claims { get; set; } = [];

    /// <summary>
    /// Versions plugins are held at, by plugin id (<c>Plugins:Pinned:instagram: 1.4.0</c>): any other version in the folder is
    /// refused, and a pinned version already serving goes on serving, so a known-good extractor stays while a new one is
    /// looked at. Default: none.
    /// </summary>
    public Dictionary<string, string> Pinned { get; set; } = [];

    /// <summary>Setting overrides by plugin id, then setting name. Default: the manifests' defaults.</summary>
    public Dictionary<string, Dictionary<string, string>> Settings { get; set; } = [];

    /// <summary>
    /// Watch the folder and hot-swap plugins: a new folder is validated and activated, a changed one is validated beside the
    /// old version and swapped in, a removed one is deactivated. Default true.
    /// </summary>
    public bool Watch { get; set; } = true;

    /// <summary>Quiet time after the last change in the folder before the watcher acts, so a copy in progress is not loaded half-done. Default 300 ms.</summary>
    [Range(20, 60_000)]
    public int WatchDebounceMs { get; set; } = 300;

    /// <summary>Longest a new version's validation (load and its manifest tests) may take before it is refused. Default 120 s.</summary>
    [Range(1, 3600)]
    public int ValidationTimeoutSeconds { get; set; } = 120;

    /// <summary>The sliding window a plugin's successes and failures are counted over. Default 300 s.</summary>
    [Range(10, 86_400)]
    public int HealthWindowSeconds { get; set; } = 300;

    /// <summary>
    /// Failures in the window that make a plugin degraded (when they are also at least half of its extractions there); the
    /// router then prefers the next candidate until it recovers. Default 3.
    /// </summary>
    [Range(1, 1000)]
    public int DegradedAfterFailures { get; set; } = 3;

    /// <summary>Run every serving plugin's manifest tests this often, counting failures against its health. Default 0: off.</summary>
    [Range(0, 10_080)]
    public int CanaryIntervalMinutes { get; set; }

    /// <summary>
    /// Run every serving plugin's manifest probes against the real sites at start and then this often; their outcomes join the
    /// plugins' health (source "probes"), <c>/status</c> and <c>videobot_platform_success_ratio</c>. Default 0: off.
    /// </summary>
    [Range(0, 10_080)]
    public int ProbeIntervalMinutes { get; set; }

    /// <summary>
    /// In <c>/status</c>, a platform whose extractions took longer than this (the median of the last hour's successes) is
    /// "slow". Default 20 s.
    /// </summary>
    [Range(1, 3600)]
    public int SlowAfterSeconds { get; set; } = 20;

    /// <summary>Host maximum for a script run, whatever the manifest asks. Default 30000 ms.</summary>
    [Range(100, 600_000)]
    public int MaxScriptTimeoutMs { get; set; } = 30_000;

    /// <summary>Host maximum for a script's memory. Default 64 MB.</summary>
    [Range(1, 1024)]
    public int MaxScriptMemoryMb { get; set; } = 64;

    /// <summary>Assembly plugins may load only when their entry's SHA-256 is listed here. Default empty: any assembly loads.</summary>
    public List<string> AllowedAssemblySha256 { get; set; } = [];

    /// <summary>
    /// Longest an assembly plugin's constructor may run before the plugin is marked malfunctioned. Default 5000 ms.
    /// </summary>
    [Range(100, 60_000)]
    public int AssemblyLoadTimeoutMs { get; set; } = 5_000;
}
