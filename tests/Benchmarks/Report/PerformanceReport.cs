using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using VideoBot.Benchmarks.Whole;

namespace VideoBot.Benchmarks.Report;

/// <summary>The whole-process figures as a table, and as the markdown section of docs/PERFORMANCE.md with the machine described.</summary>
internal static class PerformanceReport
{
    public static string Table(IEnumerable<Figure> figures)
    {
        var text = new StringBuilder();
        text.AppendLine("| measure | videobot | baseline, run beside it | ratio | goal | |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var figure in figures)
        {
            text.AppendLine(figure.Row());
        }

        return text.ToString();
    }

    public static string Markdown(IReadOnlyList<Figure> figures) =>
        $"""
        ## Whole-process figures

        Measured {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC on {Machine()}.
        Each figure is the median of several runs; its baseline ran on the same machine in the same session. Ratios are ours
        over the baseline's (for times, above 1 is slower; for rates, above 1 is faster).

        {Table(figures)}
        """;

    /// <summary>CPU model and count, memory, OS and runtime, read from the machine itself.</summary>
    public static string Machine()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var gib = double.Parse(memory[9..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024 / 1024;
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} × {cpu}, {gib:0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version} (load average {load} at the end)");
    }
}
