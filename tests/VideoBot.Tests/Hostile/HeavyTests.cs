namespace VideoBot.Tests.Hostile;

/// <summary>
/// Tests that load the machine on purpose (hostile scripts spinning and allocating, a steady stream of extractions through
/// swaps) run alone, after the parallel ones, so they never starve the suites that drive real yt-dlp and ffmpeg processes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyTests
{
    public const string Name = "Heavy: runs alone";
}
