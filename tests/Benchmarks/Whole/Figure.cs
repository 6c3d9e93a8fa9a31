using System.Diagnostics;
using System.Globalization;

namespace VideoBot.Benchmarks.Whole;

/// <summary>One row of the report: our figure, its baseline measured beside it, and the goal.</summary>
internal sealed record Figure(string Measure, double Ours, string Unit, string Baseline, double BaselineValue, string Goal, bool Met)
{
    /// <summary>Ours divided by the baseline (for times: above 1 is slower than the baseline).</summary>
    public double Ratio => BaselineValue == 0 ? double.NaN : Ours / BaselineValue;

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Measure} | {Ours:0.###} {Unit} | {Baseline}: {BaselineValue:0.###} {Unit} | {Ratio:0.00}× | {Goal} | {(Met ? "met" : "missed")} |");
}

/// <summary>Repeats and medians: whole-process figures jitter, the median of a few runs does not much.</summary>
internal static class Measure
{
    public static async Task<double> MedianAsync(int runs, Func<Task<double>> run)
    {
        var values = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            values.Add(await run());
        }

        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    public static async Task<double> SecondsAsync(Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        await work();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Runs a command to its end and returns its wall time in seconds; a failure stops the benchmark.</summary>
    public static async Task<double> ProcessSecondsAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }

        return seconds;
    }
}
