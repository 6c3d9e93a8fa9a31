using VideoBot.Host.Plugins;

namespace VideoBot.Host.PluginTesting;

/// <summary>The outcome of one manifest test.</summary>
/// <param name="Name">The test's name, or its URL when it has none.</param>
/// <param name="Failures">What did not match; empty when the test passed.</param>
/// <param name="Elapsed">How long the extraction took.</param>
internal sealed record PluginTestResult(string Name, IReadOnlyList<string> Failures, TimeSpan Elapsed)
{
    public bool Passed => Failures.Count == 0;
}
