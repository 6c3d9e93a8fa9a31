using System.Threading.Channels;

namespace VideoBot.Host.Plugins.HotSwap;

/// <summary>What happened to a plugin, for the admins (the Telegram side reads these and messages Telegram:AdminIds).</summary>
internal enum PluginNoticeKind
{
    /// <summary>A new folder was validated and serves.</summary>
    Activated,
    /// <summary>A changed folder was validated and its new version replaced the old one.</summary>
    Swapped,
    /// <summary>A new version failed validation; the old one (if any) goes on serving.</summary>
    Refused,
    /// <summary>The folder was removed; the plugin no longer serves.</summary>
    Removed,
    /// <summary>Switched off by config or an admin.</summary>
    Disabled,
    /// <summary>Failing repeatedly; the router prefers the next candidate.</summary>
    Degraded,
    /// <summary>Serving normally again after being degraded.</summary>
    Recovered,
    /// <summary>A scheduled run of its manifest tests failed.</summary>
    CanaryFailed,
    /// <summary>The engine (<c>yt-dlp</c>, as the id) was updated: Version is the new one, PreviousVersion the old.</summary>
    EngineUpdated,
    /// <summary>The engine's update failed; PreviousVersion goes on serving; Reason says why.</summary>
    EngineUpdateFailed,
    /// <summary>It declares a domain another plugin holds, and the operator has not allowed it (Plugins:Claims).</summary>
    ClaimRefused,
}

/// <param name="Kind">What happened.</param>
/// <param name="PluginId">The plugin's id.</param>
/// <param name="Version">The version concerned: the new one for a swap or a refusal.</param>
/// <param name="PreviousVersion">The version replaced, or the one still serving after a refusal.</param>
/// <param name="Reason">Why, for refusals, degradations and canary failures.</param>
internal sealed record PluginNotice(PluginNoticeKind Kind, string PluginId, string? Version, string? PreviousVersion = null, string? Reason = null);

/// <summary>
/// A small queue of <see cref="PluginNotice"/>s. Bounded and dropping the oldest, so a host with nobody reading (the command
/// line) or a burst of changes never grows it without limit.
/// </summary>
internal sealed class PluginNotices
{
    private readonly Channel<PluginNotice> _channel = Channel.CreateBounded<PluginNotice>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Publish(PluginNotice notice) => _channel.Writer.TryWrite(notice);

    public ChannelReader<PluginNotice> Reader => _channel.Reader;
}
