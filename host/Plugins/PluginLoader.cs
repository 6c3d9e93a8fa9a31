using VideoBot.Host.Configuration;
using VideoBot.Host.Manifests;
using VideoBot.Host.Scripting;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Plugins;

/// <summary>
/// Turns ONE plugin folder into a <see cref="PluginHandle"/>: manifest, SDK range, entry, patterns. Never throws: whatever
/// goes wrong becomes a handle that serves nothing and says why, so one broken plugin never stops the host.
/// </summary>
internal sealed class PluginLoader(Func<PluginsOptions> options)
{
    public PluginLoader(PluginsOptions options)
        : this(() => options)
    {
    }

    /// <summary>Reads the folder's manifest, then loads the plugin it describes.</summary>
    public PluginHandle Load(string directory)
    {
        var canonical = Path.GetFullPath(directory);
        var read = ReadManifest(canonical);
        return read.Manifest is { } manifest && read.IsValid
            ? Load(canonical, manifest)
            : Failed(canonical, read);
    }

    /// <summary>Reads a manifest; an exception from the reader becomes an error, never an escape.</summary>
    public static ManifestReadResult ReadManifest(string directory)
    {
        try
        {
            return ManifestReader.Read(directory);
        }
        catch (Exception ex)
        {
            var file = Path.Combine(directory, ManifestReader.FileName);
            return new ManifestReadResult(null, [new ManifestError(file, "$", $"{ex.GetType().Name}: {ex.Message}")]);
        }
    }

    /// <summary>A handle for a folder whose manifest is unusable: named after the folder, with the errors as reason.</summary>
    public static PluginHandle Failed(string directory, ManifestReadResult read) =>
        new(read.Manifest?.Id ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), directory)
        {
            Manifest = null,
            DeclaredVersion = read.Manifest?.Version ?? read.DeclaredVersion,
            Status = PluginStatus.Malfunctioned,
            Reason = read.Errors.Count > 0 ? string.Join("; ", read.Errors) : "the manifest could not be read",
        };

    /// <summary>Loads the plugin a valid manifest describes.</summary>
    public PluginHandle Load(string directory, PluginManifest manifest)
    {
        var current = options();
        var priority = current.Priority.TryGetValue(manifest.Id, out var overridden) ? overridden : manifest.Priority;
        try
        {
            return LoadChecked(directory, manifest, current, priority, NewHealth());
        }
        catch (Exception ex)
        {
            return Refused(directory, manifest, priority, PluginStatus.Malfunctioned, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Health read with the current options, so a changed window or threshold applies at once.</summary>
    private PluginHealth NewHealth() => new(
        () => (TimeSpan.FromSeconds(options().HealthWindowSeconds), options().DegradedAfterFailures), TimeProvider.System);

    private static PluginHandle LoadChecked(string directory, PluginManifest manifest, PluginsOptions options, int priority, PluginHealth health)
    {
        if (!ManifestReader.IsSdkCompatible(manifest, out var sdkReason))
        {
            return Refused(directory, manifest, priority, PluginStatus.NotSupported, sdkReason);
        }

        IReadOnlyList<System.Text.RegularExpressions.Regex> patterns, redirectPatterns;
        try
        {
            patterns = PluginPatterns.Compile(manifest);
            redirectPatterns = PluginPatterns.Compile(manifest.ResolveRedirects);
        }
        catch (ArgumentException ex)
        {
            return Refused(directory, manifest, priority, PluginStatus.Malfunctioned, ex.Message);
        }

        var entry = Path.GetFullPath(Path.Combine(directory, manifest.Entry));
        if (!IsInside(directory, entry))
        {
            return Refused(directory, manifest, priority, PluginStatus.Malfunctioned, $"entry {manifest.Entry} is outside the plugin folder");
        }

        if (!File.Exists(entry))
        {
            return Refused(directory, manifest, priority, PluginStatus.Malfunctioned, $"entry {manifest.Entry} does not exist (is the plugin built?)");
        }

        IExtractor extractor;
        IDisposable? lifetime = null;
        string? sha256 = null;
        switch (manifest.Kind)
        {
            case PluginKind.Script:
                extractor = new ScriptExtractor(manifest.Id, entry, ScriptLimits.From(manifest.Limits, options));
                break;
            case PluginKind.Assembly:
                var activation = AssemblyPluginActivator.Activate(
                    manifest, entry, options.AllowedAssemblySha256, TimeSpan.FromMilliseconds(options.AssemblyLoadTimeoutMs));
                if (activation.Error is { } error)
                {
                    return Refused(directory, manifest, priority, PluginStatus.Malfunctioned, error, activation.Sha256);
                }

                extractor = activation.Extractor!;
                lifetime = activation.Lifetime;
                sha256 = activation.Sha256;
                break;
            default:
                return Refused(directory, manifest, priority, PluginStatus.Malfunctioned, $"unknown kind {manifest.Kind}");
        }

        return new PluginHandle(manifest.Id, directory)
        {
            Manifest = manifest,
            Status = PluginStatus.Active,
            Extractor = extractor,
            Patterns = patterns,
            RedirectPatterns = redirectPatterns,
            Lifetime = lifetime,
            EffectivePriority = priority,
            AssemblySha256 = sha256,
            Health = health,
        };
    }

    /// <summary>A handle that keeps the manifest (so operators see the plugin's name and version) but serves nothing.</summary>
    public static PluginHandle Refused(
        string directory, PluginManifest manifest, int priority, PluginStatus status, string reason, string? sha256 = null) =>
        new(manifest.Id, directory)
        {
            Manifest = manifest,
            Status = status,
            Reason = reason,
            EffectivePriority = priority,
            AssemblySha256 = sha256,
        };

    private static bool IsInside(string directory, string path)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
        return path.StartsWith(root, StringComparison.Ordinal);
    }
}
