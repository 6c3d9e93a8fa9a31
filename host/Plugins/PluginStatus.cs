namespace VideoBot.Host.Plugins;

/// <summary>Where a plugin stands. One plugin's trouble never stops the host or the others.</summary>
internal enum PluginStatus
{
    /// <summary>Loaded and serving.</summary>
    Active,
    /// <summary>Switched off by the operator (<c>Plugins:Disabled</c>, <c>/disable</c>).</summary>
    Disabled,
    /// <summary>Its manifest, entry or load failed; the reason says how. It serves nothing.</summary>
    Malfunctioned,
    /// <summary>Declares an SDK range this host does not provide.</summary>
    NotSupported,
    /// <summary>Replaced by a newer version; finishing the jobs it had started, then unloaded.</summary>
    Superseded,
    /// <summary>Serving, but failing often: the router prefers the next candidate until it recovers.</summary>
    Degraded,
}
