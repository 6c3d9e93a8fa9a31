using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Plugins;
using VideoBot.Host.PluginLifecycle.Probes;

namespace VideoBot.Host.Cli;

/// <summary>
/// <c>videobot probe [ID...] [--json]</c>: runs the plugins' manifest probes against the real sites and prints, per plugin,
/// each probe's result, time and failure kind, then the overall success rate. Exits 0 only when every probe passed.
/// </summary>
internal static class ProbeCommand
{
    /// <summary>Plugins probed at once; a plugin's own probes run one after another, so no site sees more than one at a time.</summary>
    private const int PluginsAtOnce = 4;

    public static Command Create()
    {
        var ids = new Argument<string[]>("id") { Description = "Plugin ids to probe (default: every plugin with probes)", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var command = new Command("probe", "Try the plugins' probe URLs on the real sites and report the success rate") { ids, json };
        command.SetAction((parse, ct) => CliApp.GuardAsync(async () =>
        {
            using var host = CliHost.Build(CliApp.Globals(parse));
            var catalog = host.Services.GetRequiredService<IPluginCatalog>();
            var named = parse.GetValue(ids) ?? [];
            if (named.FirstOrDefault(id => catalog.Find(id) is null) is { } unknown)
            {
                await Console.Error.WriteLineAsync($"videobot: no plugin '{unknown}'; the plugins are {string.Join(", ", catalog.Plugins.Select(p => p.Id))}.");
                return ExitCodes.Usage;
            }

            // Unnamed, a plugin switched off by the operator is left out; named, it is reported as not serving.
            var plugins = named.Length > 0
                ? [.. named.Distinct(StringComparer.Ordinal).Select(id => catalog.Find(id)!)]
                : catalog.Plugins.Where(p => p.Manifest is { Probes.Count: > 0 } && p.Status != PluginStatus.Disabled).ToList();
            var runner = host.Services.GetRequiredService<ProbeRunner>();
            var reports = new PluginReport[plugins.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, plugins.Count),
                new ParallelOptions { MaxDegreeOfParallelism = PluginsAtOnce, CancellationToken = ct },
                async (i, token) => reports[i] = await ProbeAsync(runner, plugins[i], token));

            ct.ThrowIfCancellationRequested();
            var passed = reports.Sum(r => r.Probes.Count(p => p.Passed));
            var total = reports.Sum(r => r.Probes.Count);
            if (parse.GetValue(json))
            {
                var document = new { plugins = reports.Select(Json), passed, total, successRate = total == 0 ? (double?)null : Math.Round((double)passed / total, 4) };
                Console.WriteLine(JsonSerializer.Serialize(document, CliJson.Options));
            }
            else
            {
                Print(reports, passed, total);
            }

            return passed == total ? ExitCodes.Success : ExitCodes.Failed;
        }));
        return command;
    }

    private static async Task<PluginReport> ProbeAsync(ProbeRunner runner, PluginHandle plugin, CancellationToken ct)
    {
        var probes = plugin.Manifest?.Probes ?? [];
        using var lease = plugin.IsServing ? plugin.TryLease() : null;
        if (lease is null)
        {
            // A plugin that does not serve fails its every probe: users of its site get nothing either.
            var why = $"the plugin is {plugin.Status}" + (plugin.Reason is { } reason ? $": {reason}" : "");
            return new PluginReport(plugin, [.. probes.Select(p => new ProbeResult(p.Name ?? p.Url, p.Url, TimeSpan.Zero, plugin.Status.ToString(), why))]);
        }

        return new PluginReport(plugin, await runner.RunAsync(plugin, ct));
    }

    private static void Print(IReadOnlyList<PluginReport> reports, int passed, int total)
    {
        foreach (var report in reports)
        {
            var manifest = report.Plugin.Manifest;
            var label = manifest is null ? report.Plugin.Id : $"{manifest.Id} {manifest.Version}";
            var ok = report.Probes.Count(p => p.Passed);
            Console.WriteLine($"{label}: {ok}/{report.Probes.Count} probes passed");
            if (report.Probes.Count == 0)
            {
                Console.WriteLine("  (the manifest has no probes)");
                Console.WriteLine();
                continue;
            }

            string[] header = ["RESULT", "TIME", "FAILURE", "PROBE"];
            var rows = report.Probes.Select(p => new[] { p.Passed ? "pass" : "FAIL", Time(p.Elapsed), p.FailureKind ?? "-", p.Name }).ToList();
            var widths = Enumerable.Range(0, header.Length).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
            Console.WriteLine("  " + Line(header, widths));
            for (var i = 0; i < rows.Count; i++)
            {
                Console.WriteLine("  " + Line(rows[i], widths));
                if (report.Probes[i].Detail is { } detail)
                {
                    Console.WriteLine("      " + detail);
                }
            }

            Console.WriteLine();
        }

        Console.WriteLine(total == 0
            ? "no probes to run"
            : $"overall: {passed}/{total} probes passed ({Math.Round(100.0 * passed / total).ToString(CultureInfo.InvariantCulture)}%)");
    }

    private static string Time(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private static object Json(PluginReport report) => new
    {
        id = report.Plugin.Id,
        version = report.Plugin.Manifest?.Version,
        status = report.Plugin.Status.ToString(),
        probes = report.Probes.Select(p => new
        {
            name = p.Name,
            url = p.Url,
            passed = p.Passed,
            seconds = Math.Round(p.Elapsed.TotalSeconds, 3),
            failure = p.FailureKind,
            detail = p.Detail,
        }),
    };

    private sealed record PluginReport(PluginHandle Plugin, IReadOnlyList<ProbeResult> Probes);
}
