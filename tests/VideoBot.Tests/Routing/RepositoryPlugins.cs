using Microsoft.Extensions.Logging.Abstractions;
using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;
using VideoBot.Tests.Plugins;

namespace VideoBot.Tests.Routing;

/// <summary>
/// Every plugin of the repository's plugins/ folder, generic included, loaded by the real loader (scripts compiled, the
/// Vimeo assembly loaded), and a router over them: routing exactly as the bot routes. Unloaded at the end of the class.
/// </summary>
public sealed class RepositoryPlugins : IDisposable
{
    public RepositoryPlugins()
    {
        var loader = new PluginLoader(TestOptions.Plugins());
        Plugins = [.. Directory.GetDirectories(RepoPaths.Plugins)
            .Where(folder => File.Exists(Path.Combine(folder, "plugin.json")))
            .Order(StringComparer.Ordinal)
            .Select(loader.Load)];
        var broken = Plugins.Where(p => p.Status != PluginStatus.Active).Select(p => $"{p.Id}: {p.Reason}").ToList();
        Assert.True(broken.Count == 0, string.Join("; ", broken));
        Router = new Router(new Catalog(Plugins), NullLogger<Router>.Instance);
    }

    internal IReadOnlyList<PluginHandle> Plugins { get; }

    internal Router Router { get; }

    internal PluginHandle Find(string id) => Plugins.Single(p => p.Id == id);

    public void Dispose()
    {
        foreach (var plugin in Plugins)
        {
            plugin.Lifetime?.Dispose();
        }
    }

    private sealed class Catalog(IReadOnlyList<PluginHandle> plugins) : IPluginCatalog
    {
        public IReadOnlyList<PluginHandle> Plugins { get; } = plugins;

        public PluginHandle? Find(string id) => Plugins.FirstOrDefault(p => p.Id == id);
    }
}
