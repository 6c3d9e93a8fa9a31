using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Hosting;
using VideoBot.Host.Manifests;

namespace VideoBot.Host.Plugins;

/// <summary>
/// Every plugin folder under <c>Plugins:Directory</c>, loaded once and published as an immutable snapshot: readers take the
/// current reference and never lock; <see cref="Reload"/> builds a new snapshot and swaps it in.
/// </summary>
internal sealed partial class PluginCatalog : IPluginCatalog, IDisposable
{
    private readonly string _directory;
    private readonly IOptionsMonitor<PluginsOptions> _options;
    private readonly ILogger _logger;
    private readonly Lock _reloadGate = new();
    private Snapshot? _snapshot;

    public PluginCatalog(HostPaths paths, IOptionsMonitor<PluginsOptions> options, ILogger<PluginCatalog> logger)
        : this(paths.PluginsDirectory, options, logger)
    {
    }

    public PluginCatalog(string directory, IOptionsMonitor<PluginsOptions> options, ILogger<PluginCatalog> logger)
    {
        _directory = Path.GetFullPath(directory);
        _options = options;
        _logger = logger;
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
    /// Scans the folder again and publishes the result. Returns the handles it replaced: their jobs may still be running, so
    /// the caller disposes them (unloading assemblies) once those finish.
    /// </summary>
    public IReadOnlyList<PluginHandle> Reload()
    {
        lock (_reloadGate)
        {
            var next = Build();
            var previous = Interlocked.Exchange(ref _snapshot, next);
            return previous?.Plugins ?? [];
        }
    }

    public void Dispose()
    {
        var last = Interlocked.Exchange(ref _snapshot, null);
        foreach (var plugin in last?.Plugins ?? [])
        {
            plugin.Lifetime?.Dispose();
        }
    }

    private Snapshot LoadFirst()
    {
        lock (_reloadGate)
        {
            return _snapshot ??= Build();
        }
    }

    private Snapshot Build()
    {
        var options = _options.CurrentValue;
        var loader = new PluginLoader(options);
        var disabled = options.Disabled.ToHashSet(StringComparer.Ordinal);
        var plugins = new List<PluginHandle>();
        var byId = new Dictionary<string, PluginHandle>(StringComparer.Ordinal);

        if (!System.IO.Directory.Exists(_directory))
        {
            LogNoFolder(_directory);
            return new Snapshot([], FrozenDictionary<string, PluginHandle>.Empty);
        }

        // Ordinal folder order makes "the second" of two duplicate ids the same on every machine.
        var folders = System.IO.Directory.EnumerateDirectories(_directory)
            .Where(d => File.Exists(Path.Combine(d, ManifestReader.FileName)))
            .Order(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var handle = LoadFolder(loader, folder, disabled, byId);
            plugins.Add(handle);
            byId.TryAdd(handle.Id, handle);
            Report(handle);
        }

        return new Snapshot(plugins, byId.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private PluginHandle LoadFolder(PluginLoader loader, string folder, HashSet<string> disabled, Dictionary<string, PluginHandle> byId)
    {
        var read = PluginLoader.ReadManifest(folder);
        if (read.Manifest is not { } manifest || !read.IsValid)
        {
            return PluginLoader.Failed(folder, read);
        }

        var priority = _options.CurrentValue.Priority.TryGetValue(manifest.Id, out var p) ? p : manifest.Priority;
        if (byId.TryGetValue(manifest.Id, out var first))
        {
            var relative = Path.GetRelativePath(Path.GetDirectoryName(_directory) ?? _directory, first.Directory);
            return PluginLoader.Refused(folder, manifest, priority, PluginStatus.Malfunctioned,
                $"duplicate id, already provided by {relative.Replace('\\', '/')}");
        }

        // A disabled plugin is never loaded: the operator may have switched it off because loading it misbehaves.
        return disabled.Contains(manifest.Id)
            ? PluginLoader.Refused(folder, manifest, priority, PluginStatus.Disabled, "disabled by Plugins:Disabled")
            : loader.Load(folder, manifest);
    }

    private void Report(PluginHandle handle)
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

    private sealed record Snapshot(IReadOnlyList<PluginHandle> Plugins, FrozenDictionary<string, PluginHandle> ById);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} {Version} ({Kind}) is active, priority {Priority}")]
    private partial void LogActive(string pluginId, string? version, PluginKind? kind, int priority);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId} is {Status}: {Reason}")]
    private partial void LogInactive(string pluginId, PluginStatus status, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The plugins folder {Directory} does not exist; no plugin is loaded")]
    private partial void LogNoFolder(string directory);
}
