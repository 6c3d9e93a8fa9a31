using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Hosting;
using VideoBot.Host.Manifests;
using VideoBot.Host.Plugins.HotSwap;

namespace VideoBot.Host.Plugins;

/// <summary>
/// Every plugin folder under <c>Plugins:Directory</c>, published as an immutable snapshot: readers take the current reference
/// and never lock. <see cref="Reload"/> rebuilds the whole snapshot; <see cref="Publish"/> (the hot swap) replaces one folder's
/// handle. Replaced handles are retired: jobs holding a lease finish on them, then they are released.
/// </summary>
internal sealed partial class PluginCatalog : IPluginCatalog, IDisposable
{
    private readonly string _directory;
    private readonly IOptionsMonitor<PluginsOptions> _options;
    private readonly PluginOverrides _overrides;
    private readonly ILogger _logger;
    private readonly PluginNotices? _notices;
    private readonly Lock _publishGate = new();
    private Snapshot? _snapshot;

    // The domain claims of the last published snapshot, by plugin id: "first" when two plugins claim one domain.
    private HashSet<(string Id, string Domain)> _heldClaims = [];

    public PluginCatalog(HostPaths paths, IOptionsMonitor<PluginsOptions> options, ILogger<PluginCatalog> logger, PluginOverrides? overrides = null, PluginNotices? notices = null)
        : this(paths.PluginsDirectory, options, logger, overrides, notices)
    {
    }

    public PluginCatalog(string directory, IOptionsMonitor<PluginsOptions> options, ILogger<PluginCatalog> logger, PluginOverrides? overrides = null, PluginNotices? notices = null)
    {
        _directory = Path.GetFullPath(directory);
        _options = options;
        _logger = logger;
        _overrides = overrides ?? new PluginOverrides();
        _notices = notices;
    }

    /// <summary>The folder the catalog scans, absolute.</summary>
    public string Directory => _directory;

    public IReadOnlyList<PluginHandle> Plugins => Current.Plugins;

    public PluginHandle? Find(string id) => Current.ById.GetValueOrDefault(id);

    /// <summary>The published snapshot; the first reader loads it when nobody called <see cref="Reload"/> yet.</summary>
    private Snapshot Current => Volatile.Read(ref _snapshot) ?? LoadFirst();

    /// <summary>Loads off the caller's thread: assembly constructors may take up to their time limit.</summary>
    public Task LoadAsync(CancellationToken cancellationToken = default) =>
        Task.Run(() => { Reload(); }, cancellationToken);

    /// <summary>
    /// Scans the whole folder again and publishes the result, without validation (start-up). Returns the handles it
    /// replaced, already retired: each is released once the jobs running on it finish.
    /// </summary>
    public IReadOnlyList<PluginHandle> Reload()
    {
        lock (_publishGate)
        {
            var next = Build();
            var previous = Interlocked.Exchange(ref _snapshot, next);
            foreach (var old in previous?.Plugins ?? [])
            {
                old.Retire();
            }

            return previous?.Plugins ?? [];
        }
    }

    /// <summary>
    /// Hidden folders (<c>.name</c>) are never plugins: operators stage a new version there and move it into place, and
    /// the watcher must not load the half-copied staging folder.
    /// </summary>
    public static bool IsPluginFolderName(string name) => name.Length > 0 && name[0] != '.';

    /// <summary>The handle published for <paramref name="folder"/>, if any.</summary>
    internal PluginHandle? AtFolder(string folder)
    {
        var canonical = Path.GetFullPath(folder);
        return Current.Plugins.FirstOrDefault(p => string.Equals(p.Directory, canonical, StringComparison.Ordinal));
    }

    /// <summary>
    /// Loads <paramref name="folder"/> as it is on disk now, beside whatever is serving, without publishing it. An id that
    /// another folder already provides is refused as a duplicate; a disabled id is not loaded at all.
    /// </summary>
    internal PluginHandle LoadCandidate(string folder)
    {
        var canonical = Path.GetFullPath(folder);
        var fingerprint = FolderFingerprint.Compute(canonical);
        var others = Current.Plugins
            .Where(p => !string.Equals(p.Directory, canonical, StringComparison.Ordinal) && p.Manifest is not null
                && (p.IsServing || p.Status == PluginStatus.Disabled))
            .GroupBy(p => p.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var handle = LoadFolder(new PluginLoader(() => _options.CurrentValue), canonical, others);
        handle.Fingerprint = fingerprint;
        return handle;
    }

    /// <summary>
    /// Publishes <paramref name="handle"/> for <paramref name="folder"/> (null removes the folder's plugin) in a new snapshot,
    /// and retires the handle it replaces. Returns the replaced handle.
    /// </summary>
    internal PluginHandle? Publish(string folder, PluginHandle? handle)
    {
        var canonical = Path.GetFullPath(folder);
        lock (_publishGate)
        {
            var current = Current;
            var old = current.Plugins.FirstOrDefault(p => string.Equals(p.Directory, canonical, StringComparison.Ordinal));
            var plugins = current.Plugins.Where(p => !ReferenceEquals(p, old)).ToList();
            if (handle is not null)
            {
                plugins.Add(handle);
            }

            plugins.Sort((a, b) => string.CompareOrdinal(a.Directory, b.Directory));
            Volatile.Write(ref _snapshot, Index(plugins));
            old?.Retire();
            return old;
        }
    }

    /// <summary>
    /// Applies changed <c>Plugins:Priority</c> overrides to the published handles, without reloading them, and settles the
    /// domain claims again (a priority entry or <c>Plugins:Claims</c> may allow one).
    /// </summary>
    internal void ApplyPriorities()
    {

        var priorities = _options.CurrentValue.Priority;
        foreach (var plugin in Current.Plugins)
        {
            if (plugin.Manifest is { } manifest)
            {
                var priority = priorities.TryGetValue(plugin.Id, out var p) ? p : manifest.Priority;
                if (priority != plugin.EffectivePriority)
                {
                    plugin.EffectivePriority = priority;
                    LogPriority(plugin.Id, priority);
                }
            }
        }

        lock (_publishGate)
        {
            if (Volatile.Read(ref _snapshot) is { } current)
            {
                Volatile.Write(ref _snapshot, Index([.. current.Plugins]));
            }
        }
    }

    /// <summary>Why <paramref name="id"/> is switched off now (config or admin), or null.</summary>
    internal string? DisabledReason(string id) => _overrides.DisabledReason(id, _options.CurrentValue);

    public void Dispose()
    {
        var last = Interlocked.Exchange(ref _snapshot, null);
        foreach (var plugin in last?.Plugins ?? [])
        {
            plugin.Retire();
        }
    }

    private Snapshot LoadFirst()
    {
        lock (_publishGate)
        {
            return _snapshot ??= Build();
        }
    }

    private Snapshot Build()
    {
        // A full rescan keeps the claims held so far: a restart of the catalog is not a fresh start for the plugins serving.
        var loader = new PluginLoader(() => _options.CurrentValue);
        var plugins = new List<PluginHandle>();
        var byId = new Dictionary<string, PluginHandle>(StringComparer.Ordinal);

        if (!System.IO.Directory.Exists(_directory))
        {
            LogNoFolder(_directory);
            return new Snapshot([], FrozenDictionary<string, PluginHandle>.Empty);
        }

        // Ordinal folder order makes "the second" of two duplicate ids the same on every machine.
        var folders = System.IO.Directory.EnumerateDirectories(_directory)
            .Where(d => IsPluginFolderName(Path.GetFileName(d)) && File.Exists(Path.Combine(d, ManifestReader.FileName)))
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var fingerprint = FolderFingerprint.Compute(folder);
            var handle = LoadFolder(loader, folder, byId);
            handle.Fingerprint = fingerprint;
            plugins.Add(handle);
            if (handle.Manifest is not null && (handle.IsServing || handle.Status == PluginStatus.Disabled))
            {
                byId.TryAdd(handle.Id, handle);
            }

            Report(handle);
        }

        return Index(plugins);
    }

    private PluginHandle LoadFolder(PluginLoader loader, string folder, IReadOnlyDictionary<string, PluginHandle> taken)
    {
        var read = PluginLoader.ReadManifest(folder);
        if (read.Manifest is not { } manifest || !read.IsValid)
        {
            return PluginLoader.Failed(folder, read);
        }

        var priority = _options.CurrentValue.Priority.TryGetValue(manifest.Id, out var p) ? p : manifest.Priority;
        // The folder names the plugin: a folder "0-youtube" declaring the id youtube would sort first and displace the real one.
        if (!string.Equals(Path.GetFileName(folder), manifest.Id, StringComparison.Ordinal))
        {
            return PluginLoader.Refused(folder, manifest, priority, PluginStatus.Malfunctioned,
                $"the folder's name '{Path.GetFileName(folder)}' must equal the manifest's id '{manifest.Id}'");
        }

        if (taken.TryGetValue(manifest.Id, out var first))
        {
            var relative = Path.GetRelativePath(Path.GetDirectoryName(_directory) ?? _directory, first.Directory);
            return PluginLoader.Refused(folder, manifest, priority, PluginStatus.Malfunctioned,
                $"duplicate id, already provided by {relative.Replace('\\', '/')}");
        }

        if (_options.CurrentValue.Pinned.TryGetValue(manifest.Id, out var pinned) && !string.Equals(pinned, manifest.Version, StringComparison.Ordinal))
        {
            return PluginLoader.Refused(folder, manifest, priority, PluginStatus.Malfunctioned,
                $"Plugins:Pinned holds {manifest.Id} at version {pinned}, and the folder has {manifest.Version}");
        }

        // A disabled plugin is never loaded: the operator may have switched it off because loading it misbehaves.
        return DisabledReason(manifest.Id) is { } reason
            ? PluginLoader.Refused(folder, manifest, priority, PluginStatus.Disabled, reason)
            : loader.Load(folder, manifest);
    }

    /// <summary>Logs how a plugin version stands: active with its priority, or why not.</summary>
    internal void Report(PluginHandle handle)
    {
        if (handle.Status == PluginStatus.Active)
        {
            LogActive(handle.Id, handle.Manifest?.Version, handle.Manifest?.Kind, handle.EffectivePriority);
        }
        else
        {
            LogInactive(handle.Id, handle.Status, handle.Reason);
        }
    }

    /// <summary>
    /// By id: the first serving handle in folder order, else the first one. Settles the domain claims against the previous
    /// snapshot's, and tells the admins of each newly refused claim.
    /// </summary>
    private Snapshot Index(List<PluginHandle> plugins)
    {
        var previouslyRefused = plugins.SelectMany(p => p.RefusedClaims.Keys.Select(d => (p.Id, d))).ToHashSet();
        _heldClaims = PluginClaims.Resolve(plugins, _heldClaims, _options.CurrentValue);
        foreach (var plugin in plugins.Where(p => p.RefusedClaims.Keys.Any(d => !previouslyRefused.Contains((p.Id, d)))))
        {
            var reason = PluginClaims.Describe(plugin)!;
            LogClaimRefused(plugin.Id, reason);
            _notices?.Publish(new PluginNotice(PluginNoticeKind.ClaimRefused, plugin.Id, plugin.Manifest?.Version, Reason: reason));
        }

        var byId = new Dictionary<string, PluginHandle>(StringComparer.Ordinal);
        foreach (var plugin in plugins)
        {
            if (!byId.TryGetValue(plugin.Id, out var existing) || (!existing.IsServing && plugin.IsServing))
            {
                byId[plugin.Id] = plugin;
            }
        }

        return new Snapshot(plugins, byId.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private sealed record Snapshot(IReadOnlyList<PluginHandle> Plugins, FrozenDictionary<string, PluginHandle> ById);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} {Version} ({Kind}) is active, priority {Priority}")]
    private partial void LogActive(string pluginId, string? version, PluginKind? kind, int priority);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId} is {Status}: {Reason}")]
    private partial void LogInactive(string pluginId, PluginStatus status, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId}: {Reason}")]
    private partial void LogClaimRefused(string pluginId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} now has priority {Priority}")]
    private partial void LogPriority(string pluginId, int priority);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The plugins folder {Directory} does not exist; no plugin is loaded")]
    private partial void LogNoFolder(string directory);
}
