using VideoBot.Host.Configuration;
using VideoBot.Host.Plugins;

namespace VideoBot.Tests.Manifests;

/// <summary>
/// The six yt-dlp-delegating plugins of the repository, loaded by the real <see cref="PluginLoader"/> from plugins/, as a
/// catalog the real router can use. Only these six, so other plugins' state can't change what these tests see.
/// </summary>
internal sealed class SixPlugins : IPluginCatalog
{
    public static readonly string[] Ids = ["youtube", "tiktok", "instagram", "facebook", "twitter", "linkedin"];

    private static readonly Lazy<SixPlugins> Loaded = new(() => new SixPlugins());

    private SixPlugins()
    {
        var loader = new PluginLoader(new PluginsOptions());
        Plugins = [.. Ids.Select(id => loader.Load(Folder(id)))];
    }

    public static SixPlugins Instance => Loaded.Value;

    public IReadOnlyList<PluginHandle> Plugins { get; }

    public PluginHandle? Find(string id) => Plugins.FirstOrDefault(p => p.Id == id);

    public static string Folder(string id) => VideoBot.Tests.Plugins.RepoPaths.Plugin(id);
}
