using Microsoft.Extensions.Logging.Abstractions;
using VideoBot.Host.Manifests;
using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;

namespace VideoBot.Tests.Platforms;

/// <summary>The platform script plugins of the repository's plugins/ folder, read and compiled as the loader does.</summary>
internal static class PlatformPlugins
{
    public static readonly string[] Ids = ["streamable", "reddit", "dailymotion", "twitch", "bluesky", "telegram", "threads", "snapchat", "pinterest"];

    private static readonly Lazy<string> Root = new(() => VideoBot.Tests.Plugins.RepoPaths.Plugins);

    /// <summary>The generic fallback, kept out of <see cref="Router"/> (it claims every link) and routed on its own.</summary>
    public const string Generic = "generic";

    private static readonly Lazy<IReadOnlyDictionary<string, PluginHandle>> Handles = new(LoadAll);

    public static string Folder(string id) => Path.Combine(Root.Value, id);

    public static PluginHandle Handle(string id) => Handles.Value[id];

    public static PluginManifest Manifest(string id) => Handle(id).Manifest!;

    /// <summary>A router over the platform plugins only.</summary>
    public static Router Router() => new(new FixedCatalog([.. Ids.Select(Handle)]), NullLogger<Router>.Instance);

    /// <summary>The router a plugin's own tests go through: the platforms' one, or the generic fallback's alone.</summary>
    public static Router RouterFor(string id) =>
        id == Generic ? new(new FixedCatalog([Handle(Generic)]), NullLogger<Router>.Instance) : Router();

    private static IReadOnlyDictionary<string, PluginHandle> LoadAll()
    {
        var handles = new Dictionary<string, PluginHandle>(StringComparer.Ordinal);
        foreach (var id in Ids.Append(Generic))
        {
            var read = ManifestReader.Read(Folder(id));
            if (!read.IsValid)
            {
                throw new InvalidOperationException($"{id}: " + string.Join("; ", read.Errors));
            }

            var manifest = read.Manifest!;
            handles[id] = new PluginHandle(id, Folder(id))
            {
                Manifest = manifest,
                Status = PluginStatus.Active,
                Patterns = PluginPatterns.Compile(manifest),
                RedirectPatterns = PluginPatterns.Compile(manifest.ResolveRedirects),
                EffectivePriority = manifest.Priority,
            };
        }

        return handles;
    }

    private sealed class FixedCatalog(IReadOnlyList<PluginHandle> plugins) : IPluginCatalog
    {
        public IReadOnlyList<PluginHandle> Plugins { get; } = plugins;

        public PluginHandle? Find(string id) => Plugins.FirstOrDefault(p => p.Id == id);
    }
}
