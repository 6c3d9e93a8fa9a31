using BenchmarkDotNet.Running;
using VideoBot.Benchmarks.Whole;

namespace VideoBot.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>micro [BenchmarkDotNet options]</c>: the in-process benchmarks. <c>whole OUTPUT.md</c>: the whole-process figures,
    /// printed as a table and written as markdown for docs/PERFORMANCE.md.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "micro":
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
                return 0;
            case "whole":
                return await WholeProcessBench.RunAsync(args.Length > 1 ? args[1] : null);
            default:
                await Console.Error.WriteLineAsync("usage: VideoBot.Benchmarks micro [--filter *] | whole [OUTPUT.md]");
                return 2;
        }
    }
}
