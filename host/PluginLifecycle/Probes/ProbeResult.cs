using VideoBot.Host.Plugins;

namespace VideoBot.Host.PluginLifecycle.Probes;

/// <summary>One probe's run against the real site.</summary>
/// <param name="Name">The probe's name, else its URL.</param>
/// <param name="Url">The URL tried.</param>
/// <param name="Elapsed">How long it took.</param>
/// <param name="FailureKind">
/// Null when it passed; else the extraction's error kind (<c>SiteChanged</c>, <c>Network</c>...), <c>Mismatch</c> when the
/// media is not what the probe expects, or <c>Timeout</c>.
/// </param>
/// <param name="Detail">Why it failed, in one line.</param>
internal sealed record ProbeResult(string Name, string Url, TimeSpan Elapsed, string? FailureKind, string? Detail)
{
    /// <summary>The kind of a probe whose media is not what it expects (a wrong kind, too short).</summary>
    public const string Mismatch = "Mismatch";

    /// <summary>The kind of a probe that did not finish within <see cref="ProbeRunner.Timeout"/>.</summary>
    public const string TimedOut = "Timeout";

    public bool Passed => FailureKind is null;
}
