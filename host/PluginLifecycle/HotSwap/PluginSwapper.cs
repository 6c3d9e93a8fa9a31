using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Manifests;
using VideoBot.Host.PluginTesting;
using VideoBot.Host.Plugins;
using VideoBot.Host.Plugins.HotSwap;

namespace VideoBot.Host.PluginLifecycle.HotSwap;

/// <summary>What a sync did to one folder.</summary>
internal enum SwapOutcome
{
    Unchanged,
    Activated,
    Swapped,
    Refused,
    Removed,
    Disabled,
}

/// <param name="Folder">The plugin folder's name.</param>
/// <param name="PluginId">The plugin's id, when known.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">Why a version was refused.</param>
internal sealed record SwapResult(string Folder, string? PluginId, SwapOutcome Outcome, string? Reason = null);

/// <summary>
/// Brings the catalog in line with the plugins folder, one folder at a time: a new or changed folder is loaded beside the
/// version serving, validated (manifest, load, its own manifest tests against their fixtures) and only then published; a
/// version that fails leaves the old one serving; a removed folder deactivates its plugin. Syncs run one at a time.
/// </summary>
internal sealed partial class PluginSwapper(
    PluginCatalog catalog,
    PluginTestRunner tests,
    ChildValidation child,
    PluginNotices notices,
    IOptionsMonitor<PluginsOptions> options,
    ILogger<PluginSwapper> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Syncs the named folders (names directly under the plugins folder), or every folder on disk and in the catalog when
    /// <paramref name="folders"/> is null. <paramref name="force"/> reloads folders even when their files did not change.
    /// </summary>
    public async Task<IReadOnlyList<SwapResult>> SyncAsync(IReadOnlyCollection<string>? folders, bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var results = new List<SwapResult>();
            foreach (var folder in Folders(folders))
            {
                results.Add(await SyncFolderAsync(folder, force, cancellationToken).ConfigureAwait(false));
            }

            return results;
        }
        finally
        {
            _gate.Release();
        }
    }

    private IEnumerable<string> Folders(IReadOnlyCollection<string>? names)
    {
        var root = catalog.Directory;
        if (names is not null)
        {
            // Only plain names of direct children: the watcher's event paths are trusted no further than that.
            return names
                .Where(n => PluginCatalog.IsPluginFolderName(n) && n.IndexOfAny(['/', '\\']) < 0)
                .Select(n => Path.Combine(root, n))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
        }

        var onDisk = Directory.Exists(root)
            ? Directory.EnumerateDirectories(root).Where(d => PluginCatalog.IsPluginFolderName(Path.GetFileName(d))).Select(Path.GetFullPath)
            : [];
        return onDisk.Concat(catalog.Plugins.Select(p => p.Directory)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
    }

    private async Task<SwapResult> SyncFolderAsync(string folder, bool force, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(folder);
        var current = catalog.AtFolder(folder);
        if (!File.Exists(Path.Combine(folder, ManifestReader.FileName)))
        {
            if (current is null)
            {
                return new SwapResult(name, null, SwapOutcome.Unchanged);
            }

            catalog.Publish(folder, null);
            LogRemoved(current.Id, current.Manifest?.Version, name);
            notices.Publish(new PluginNotice(PluginNoticeKind.Removed, current.Id, current.Manifest?.Version));
            return new SwapResult(name, current.Id, SwapOutcome.Removed);
        }

        if (!force && current is not null && IsUpToDate(current, folder))
        {
            return new SwapResult(name, current.Id, SwapOutcome.Unchanged);
        }

        // An assembly is loaded and tested in a separate process first: one that ends its process (Environment.Exit, a stack
        // overflow) must end that one, not this host. Only a version that passed there is loaded here.
        if (PluginLoader.ReadManifest(folder) is { IsValid: true, Manifest: { Kind: PluginKind.Assembly } assembly }
            && catalog.DisabledReason(assembly.Id) is null
            && await child.RunAsync(folder, cancellationToken).ConfigureAwait(false) is { } childRefusal)
        {
            var refused = PluginLoader.Refused(Path.GetFullPath(folder), assembly, assembly.Priority, PluginStatus.Malfunctioned, childRefusal);
            return Refuse(name, folder, refused, current, childRefusal);
        }

        var candidate = await Task.Run(() => catalog.LoadCandidate(folder), cancellationToken).ConfigureAwait(false);
        if (candidate.Status == PluginStatus.Disabled)
        {
            catalog.Publish(folder, candidate);
            LogDisabled(candidate.Id, candidate.Reason);
            if (current?.Status != PluginStatus.Disabled)
            {
                notices.Publish(new PluginNotice(PluginNoticeKind.Disabled, candidate.Id, candidate.Manifest?.Version, Reason: candidate.Reason));
            }

            return new SwapResult(name, candidate.Id, SwapOutcome.Disabled, candidate.Reason);
        }

        var refusal = candidate.Status != PluginStatus.Active ? $"{candidate.Status}: {candidate.Reason}"
            : candidate.Manifest?.Kind == PluginKind.Assembly ? null // its tests passed in the separate process
            : await ValidateAsync(candidate, cancellationToken).ConfigureAwait(false);
        return refusal is null ? Accept(name, folder, candidate, current) : Refuse(name, folder, candidate, current, refusal);
    }

    /// <summary>Unchanged files, and disabled exactly when config and admins want it so.</summary>
    private bool IsUpToDate(PluginHandle current, string folder)
    {
        if (current.Fingerprint != FolderFingerprint.Compute(folder))
        {
            return false;
        }

        return current.Manifest is null || (current.Status == PluginStatus.Disabled) == (catalog.DisabledReason(current.Id) is not null);
    }

    private SwapResult Accept(string name, string folder, PluginHandle candidate, PluginHandle? current)
    {
        catalog.Publish(folder, candidate);
        var version = candidate.Manifest?.Version;
        if (current is { Manifest: not null } && current.Status is not (PluginStatus.Disabled or PluginStatus.Malfunctioned or PluginStatus.NotSupported))
        {
            LogSwapped(candidate.Id, current.Manifest.Version, version, current.ActiveLeases);
            notices.Publish(new PluginNotice(PluginNoticeKind.Swapped, candidate.Id, version, current.Manifest.Version));
            return new SwapResult(name, candidate.Id, SwapOutcome.Swapped);
        }

        LogActivated(candidate.Id, version, name);
        notices.Publish(new PluginNotice(PluginNoticeKind.Activated, candidate.Id, version));
        return new SwapResult(name, candidate.Id, SwapOutcome.Activated);
    }

    private SwapResult Refuse(string name, string folder, PluginHandle candidate, PluginHandle? current, string refusal)
    {
        var version = candidate.DeclaredVersion;
        if (current is { IsServing: true, IsRetired: false })
        {
            // The old version goes on serving; the broken files are remembered so they are not validated again until they change.
            candidate.Retire();
            current.SwapRefusal = $"version {version ?? "?"} was refused: {refusal}";
            current.Fingerprint = candidate.Fingerprint;
            LogRefusedKeptOld(candidate.Id, version, current.Manifest?.Version, refusal);
            notices.Publish(new PluginNotice(PluginNoticeKind.Refused, candidate.Id, version, current.Manifest?.Version, refusal));
            return new SwapResult(name, candidate.Id, SwapOutcome.Refused, refusal);
        }

        if (candidate.Status == PluginStatus.Active)
        {
            candidate.Status = PluginStatus.Malfunctioned;
            candidate.Reason = refusal;
        }

        candidate.Retire();
        catalog.Publish(folder, candidate);
        LogRefused(candidate.Id, version, refusal);
        notices.Publish(new PluginNotice(PluginNoticeKind.Refused, candidate.Id, version, Reason: refusal));
        return new SwapResult(name, candidate.Id, SwapOutcome.Refused, refusal);
    }

    /// <summary>Runs the candidate's manifest tests; null when they all pass (or it has none), else what failed.</summary>
    private async Task<string?> ValidateAsync(PluginHandle candidate, CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromSeconds(options.CurrentValue.ValidationTimeoutSeconds);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            var results = await tests.RunAsync(candidate, timeout.Token).ConfigureAwait(false);
            var failed = results.Where(r => !r.Passed).ToList();
            if (failed.Count == 0)
            {
                return null;
            }

            var first = failed[0];
            return $"{failed.Count} of {results.Count} manifest tests failed; '{first.Name}': {string.Join("; ", first.Failures)}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"its manifest tests did not finish within {limit.TotalSeconds:0} s";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return $"its manifest tests could not run: {ex.GetType().Name}: {ex.Message}";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} {Version} from {Folder} is validated and active")]
    private partial void LogActivated(string pluginId, string? version, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} swapped from {OldVersion} to {NewVersion}; {Running} running jobs finish on the old version")]
    private partial void LogSwapped(string pluginId, string? oldVersion, string? newVersion, int running);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId} {Version} was refused, {OldVersion} goes on serving: {Reason}")]
    private partial void LogRefusedKeptOld(string pluginId, string? version, string? oldVersion, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId} {Version} was refused: {Reason}")]
    private partial void LogRefused(string pluginId, string? version, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} {Version} was removed with its folder {Folder}")]
    private partial void LogRemoved(string pluginId, string? version, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} is switched off: {Reason}")]
    private partial void LogDisabled(string pluginId, string? reason);
}
