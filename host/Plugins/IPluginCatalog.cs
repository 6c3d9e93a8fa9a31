namespace VideoBot.Host.Plugins;

/// <summary>The plugins the host knows, with their status. Reads are lock-free snapshots.</summary>
internal interface IPluginCatalog
{
    /// <summary>Every plugin folder found, serving or not, in a stable order.</summary>
    IReadOnlyList<PluginHandle> Plugins { get; }

    /// <summary>Finds a plugin by id.</summary>
    PluginHandle? Find(string id);
}
