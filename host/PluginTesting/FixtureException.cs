namespace VideoBot.Host.PluginTesting;

/// <summary>A manifest test's <c>fixtures</c> are unusable (a bad URL, a missing file, a path outside the plugin folder).</summary>
internal sealed class FixtureException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
