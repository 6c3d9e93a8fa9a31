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

    /// <summary>Setting overrides by plugin id, then setting name. Default: the manifests' defaults.</summary>
    public Dictionary<string, Dictionary<string, string>> Settings { get; set; } = [];

    /// <summary>Watch the folder and hot-swap changed plugins. Default true.</summary>
    public bool Watch { get; set; } = true;

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
