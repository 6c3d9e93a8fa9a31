using System.Text.RegularExpressions;
using VideoBot.Host.Manifests;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Plugins;

/// <summary>
/// One version of one plugin folder as the host sees it: its manifest (when valid), its status and, when active, its
/// extractor. A hot swap publishes a new handle beside this one and retires this one: jobs that leased it finish on it, and
/// the last lease releases what it holds (an assembly's load context).
/// </summary>
internal sealed class PluginHandle
{
    private PluginStatus _status = PluginStatus.Malfunctioned;
    private string? _reason;
    private int _leases;
    private int _retired;
    private int _released;

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

    /// <summary>The version as the manifest file states it, even when the file failed the schema; null when it states none.</summary>
    public string? DeclaredVersion
    {
        get => Manifest?.Version ?? _declaredVersion;
        init => _declaredVersion = value;
    }

    private readonly string? _declaredVersion;

    /// <summary>
    /// Where the plugin stands. An active plugin whose <see cref="Health"/> says it fails repeatedly reads as
    /// <see cref="PluginStatus.Degraded"/> until it recovers.
    /// </summary>
    public PluginStatus Status
    {
        get => _status == PluginStatus.Active && Health.IsDegraded ? PluginStatus.Degraded : _status;
        set => _status = value;
    }

    /// <summary>
    /// Why the plugin is not active, for operators: file, JSON path and reason, or the load error; for a degraded plugin, its
    /// recent record.
    /// </summary>
    public string? Reason
    {
        get => _reason ?? (Status == PluginStatus.Degraded ? "failing repeatedly: " + Health.Describe() : null);
        set => _reason = value;
    }

    /// <summary>
    /// Set when a newer version in this folder was refused (validation failed) and this version goes on serving: what was
    /// refused and why. Cleared by the next successful swap, which replaces this handle.
    /// </summary>
    public string? SwapRefusal { get; set; }

    /// <summary>
    /// Domains this plugin declares but may not route, each with the plugin that holds it (<see cref="PluginClaims"/>). Set
    /// with every published snapshot, since a claim depends on the other plugins.
    /// </summary>
    public IReadOnlyDictionary<string, string> RefusedClaims { get; set; } = new Dictionary<string, string>();

    /// <summary>The extractor, when the plugin loaded.</summary>
    public IExtractor? Extractor { get; init; }

    /// <summary>The manifest's URL patterns, compiled with a match timeout.</summary>
    public IReadOnlyList<Regex> Patterns { get; init; } = [];

    /// <summary>The manifest's <c>resolveRedirects</c> patterns (same-host share links), compiled like <see cref="Patterns"/>.</summary>
    public IReadOnlyList<Regex> RedirectPatterns { get; init; } = [];

    /// <summary>Releases what the plugin holds (an assembly's load context). Set by the loader; released by <see cref="Retire"/>.</summary>
    public IDisposable? Lifetime { get; init; }

    /// <summary>
    /// The manifest's priority, or the operator's override from <c>Plugins:Priority</c>. Higher runs first. Settable so a
    /// changed override applies without reloading the plugin.
    /// </summary>
    public int EffectivePriority { get; set; }

    /// <summary>For assembly plugins: the SHA-256 of the entry assembly, lower-case hex, as the allow-list compares it.</summary>
    public string? AssemblySha256 { get; init; }

    /// <summary>The folder's files when this version was loaded (<see cref="FolderFingerprint"/>): an unchanged folder is not reloaded.</summary>
    public string? Fingerprint { get; set; }

    /// <summary>This version's recent successes and failures.</summary>
    public PluginHealth Health { get; init; } = new(TimeSpan.FromMinutes(5), 3);

    public bool IsServing => Status is PluginStatus.Active or PluginStatus.Degraded;

    /// <summary>True for a generic fallback (<c>domains: ["*"]</c>): it claims any host, after every specific plugin.</summary>
    public bool IsGenericFallback => Manifest?.Domains is { } domains && domains.Contains("*");

    /// <summary>Jobs currently running on this version.</summary>
    public int ActiveLeases => Volatile.Read(ref _leases);

    /// <summary>True once <see cref="Retire"/> was called: no new job may start on this version.</summary>
    public bool IsRetired => Volatile.Read(ref _retired) != 0;

    /// <summary>True once <see cref="Lifetime"/> was released (retired and every lease closed).</summary>
    public bool IsReleased => Volatile.Read(ref _released) != 0;

    /// <summary>
    /// Takes a lease for one job, or returns null when this version was retired (a swap raced the routing): the caller routes
    /// again and gets the version now serving.
    /// </summary>
    public PluginLease? TryLease()
    {
        Interlocked.Increment(ref _leases);
        if (IsRetired)
        {
            EndLease();
            return null;
        }

        return new PluginLease(this);
    }

    /// <summary>
    /// Stops new jobs on this version; the last running one releases it. Serving versions read as
    /// <see cref="PluginStatus.Superseded"/> from now on. Idempotent.
    /// </summary>
    public void Retire()
    {
        // Exchange is a full fence: a TryLease that incremented before it either sees the flag or is counted below.
        if (Interlocked.Exchange(ref _retired, 1) != 0)
        {
            return;
        }

        if (_status is PluginStatus.Active)
        {
            _status = PluginStatus.Superseded;
        }

        if (Volatile.Read(ref _leases) == 0)
        {
            Release();
        }
    }

    internal void EndLease()
    {
        if (Interlocked.Decrement(ref _leases) == 0 && IsRetired)
        {
            Release();
        }
    }

    private void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            Lifetime?.Dispose();
        }
    }

    public override string ToString() => $"{Id} {Manifest?.Version} ({Status})";
}
