using System.Runtime.CompilerServices;

namespace VideoBot.Benchmarks;

/// <summary>Folders of this repository, found from this source file (it always sits below Plugins.sln).</summary>
internal static class BenchPaths
{
    public static string Root { get; } = Find();

    public static string Plugins => Path.Combine(Root, "plugins");

    public static string Config => Path.Combine(Root, "config.yaml");

    /// <summary>
    /// The Release build of the host that scripts/setup.sh makes: what operators run. <c>BENCH_VIDEOBOT</c> names another build
    /// (an older commit's, built in a worktree of its own) to measure it on the same bench.
    /// </summary>
    public static string Videobot => Environment.GetEnvironmentVariable("BENCH_VIDEOBOT") is { Length: > 0 } other
        ? other
        : Path.Combine(Root, "host", "bin", "Release", "net10.0", "videobot");

    /// <summary>Media made with ffmpeg for the benchmarks, kept between runs.</summary>
    public static string Media => Path.Combine(Path.GetTempPath(), "videobot-bench-media");

    private static string Find([CallerFilePath] string source = "")
    {
        for (var dir = Path.GetDirectoryName(source); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Plugins.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("Plugins.sln not found above " + source);
    }
}
