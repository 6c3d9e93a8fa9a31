namespace VideoBot.Host.Plugins;

/// <summary>
/// A job's hold on one plugin version: while any lease is open, a superseded version keeps its extractor (and an assembly's
/// load context) alive; the last lease to close after <see cref="PluginHandle.Retire"/> releases it.
/// </summary>
internal sealed class PluginLease : IDisposable
{
    private PluginHandle? _plugin;

    internal PluginLease(PluginHandle plugin) => _plugin = plugin;

    /// <summary>Closes the lease; a second call does nothing.</summary>
    public void Dispose() => Interlocked.Exchange(ref _plugin, null)?.EndLease();
}
