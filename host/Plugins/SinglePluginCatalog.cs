namespace VideoBot.Host.Plugins;

/// <summary>A catalog of one plugin, so a test's or a probe's URL can only route to the plugin it belongs to.</summary>
internal sealed class SinglePluginCatalog(PluginHandle plugin) : IPluginCatalog
{
    public IReadOnlyList<PluginHandle> Plugins { get; } = [plugin];

    public PluginHandle? Find(string id) => id == plugin.Id ? plugin : null;
}
