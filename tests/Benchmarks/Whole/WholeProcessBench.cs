using System.Globalization;
using VideoBot.Benchmarks.Report;
using VideoBot.FakeTelegram;

namespace VideoBot.Benchmarks.Whole;

/// <summary>
/// Whole-process figures: the Release <c>videobot</c> against the fake Bot API and a video site on loopback, each measure
/// beside a baseline run on the same machine in the same session.
/// </summary>
internal static class WholeProcessBench
{
    private const int Runs = 5;

    public static async Task<int> RunAsync(string? output)
    {
        if (!File.Exists(BenchPaths.Videobot))
        {
            await Console.Error.WriteLineAsync($"no Release build at {BenchPaths.Videobot}: run scripts/setup.sh first");
            return 1;
        }

        Console.Error.WriteLine("bench: making media with ffmpeg (kept for later runs)");
        var files = new Dictionary<string, string>
        {
            ["small"] = await BenchMedia.ClipAsync(2),
            ["big"] = await BenchMedia.ClipAsync(45),
        };
        var twenty = await BenchMedia.ClipAsync(20);
        for (var i = 0; i < Runs; i++)
        {
            files["twenty" + i] = twenty;
            files["start" + i] = files["small"];
        }

        await using var site = await BenchSite.StartAsync(files);
        var figures = new List<Figure>();
        // BENCH_ONLY=start,memory,cache,job,delegated,swap runs some of them (all by default).
        var only = Environment.GetEnvironmentVariable("BENCH_ONLY")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        bool Selected(string name) => only is null || only.Contains(name, StringComparer.OrdinalIgnoreCase);
        if (Selected("start"))
        {
            Console.Error.WriteLine("bench: cold start");
            figures.AddRange(await StartupBench.ColdStartAsync(site, Runs));
        }

        if (Selected("memory"))
        {
            Console.Error.WriteLine("bench: memory");
            figures.AddRange(await StartupBench.MemoryAsync(site, files["big"]));
        }

        if (Selected("cache"))
        {
            Console.Error.WriteLine("bench: cache hits");
            figures.Add(await ThroughputBench.CacheHitsAsync(site, users: 100, perSecond: ThroughputBench.Lifted));
            figures.Add(await ThroughputBench.CacheHitsAsync(site, users: 100, perSecond: 1000));
            figures.Add(await ThroughputBench.CacheHitsAsync(site, users: 100, perSecond: 30));
        }

        if (Selected("job"))
        {
            Console.Error.WriteLine("bench: a full uncached job");
            figures.Add(await ThroughputBench.FullJobAsync(site, twenty, Runs));
        }

        if (Selected("delegated"))
        {
            Console.Error.WriteLine("bench: a delegated job");
            figures.AddRange(await DelegatedBench.DelegatedJobAsync(site, Runs));
        }

        if (Selected("swap"))
        {
            Console.Error.WriteLine("bench: a hot swap");
            figures.Add(await HotSwapBench.SwapAsync(Runs));
        }

        var report = PerformanceReport.Markdown(figures);
        Console.WriteLine(PerformanceReport.Table(figures));
        if (output is not null)
        {
            await File.WriteAllTextAsync(output, report);
            Console.Error.WriteLine("bench: wrote " + output);
        }

        return 0;
    }

    /// <summary>A fake Bot API that takes uploads up to 100 MB, as a local Bot API server does (the bench sends 45 MB).</summary>
    public static Task<FakeBotApiServer> FakeAsync() =>
        FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = BotProcess.Token, MaxUploadBytes = 100L * 1024 * 1024 });

    public static string Ms(double seconds) => (seconds * 1000).ToString("0", CultureInfo.InvariantCulture);
}
