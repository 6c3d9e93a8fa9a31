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

    /// <summary>The manifest's <c>resolveRedirects</c> patterns (same-host share links), compiled like <see cref="Patterns"/>.</summary>
    public IReadOnlyList<Regex> RedirectPatterns { get; init; } = [];

    /// <summary>Releases what the plugin holds (an assembly's load context). Set by the loader.</summary>
    public IDisposable? Lifetime { get; init; }

    /// <summary>The manifest's priority, or the operator's override from <c>Plugins:Priority</c>. Higher runs first.</summary>
    public int EffectivePriority { get; init; }

    /// <summary>For assembly plugins: the SHA-256 of the entry assembly, lower-case hex, as the allow-list compares it.</summary>
    public string? AssemblySha256 { get; init; }

    public bool IsServing => Status is PluginStatus.Active or PluginStatus.Degraded;

    /// <summary>True for a generic fallback (<c>domains: ["*"]</c>): it claims any host, after every specific plugin.</summary>
    public bool IsGenericFallback => Manifest?.Domains is { } domains && domains.Contains("*");

    public override string ToString() => $"{Id} {Manifest?.Version} ({Status})";
}
