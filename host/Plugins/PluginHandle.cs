using System.Text.RegularExpressions;
using VideoBot.Host.Manifests;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Plugins;

/// <summary>One plugin folder as the host sees it: its manifest (when valid), its status and, when active, its extractor.</summary>
internal sealed class PluginHandle
{
    public PluginHandle(string id, string directory)
    {
        Id = id;
        Directory = directory;
    }

    /// <summary>The manifest's id, or the folder name when the manifest could not be read.</summary>
    public string Id { get; }

    /// <summary>The plugin's folder, canonical and absolute.</summary>
    public string Directory { get; }

    public PluginManifest? Manifest { get; init; }

    public PluginStatus Status { get; set; } = PluginStatus.Malfunctioned;

    /// <summary>Why the plugin is not active, for operators: file, JSON path and reason, or the load error.</summary>
    public string? Reason { get; set; }

    /// <summary>The extractor, when the plugin loaded.</summary>
    public IExtractor? Extractor { get; init; }

    /// <summary>The manifest's URL patterns, compiled with a match timeout.</summary>
    public IReadOnlyList<Regex> Patterns { get; init; } = [];

    /// <summary>Releases what the plugin holds (an assembly's load context). Set by the loader.</summary>
    public IDisposable? Lifetime { get; init; }

    public bool IsServing => Status is PluginStatus.Active or PluginStatus.Degraded;

    public override string ToString() => $"{Id} {Manifest?.Version} ({Status})";
}
