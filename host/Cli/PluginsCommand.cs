using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Plugins;
using VideoBot.Host.YtDlp;

namespace VideoBot.Host.Cli;

/// <summary>
/// <c>videobot plugins [--json]</c>: every plugin with its version, kind, status and domains, then yt-dlp: its version, age,
/// JavaScript runtime and impersonation, with a note for each thing missing.
/// </summary>
internal static class PluginsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("plugins", "List the plugins with their status") { json };
        command.SetAction((parse, ct) => CliApp.GuardAsync(async () =>
        {
            using var host = CliHost.Build(CliApp.Globals(parse));
            var catalog = host.Services.GetRequiredService<IPluginCatalog>();
            var ytDlp = await host.Services.GetRequiredService<YtDlpCapabilityCache>().GetAsync(ct);
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var notes = ytDlp.Notes(now, host.Services.GetRequiredService<IOptions<YtDlpOptions>>().Value.Impersonate);
            var rows = catalog.Plugins.Select(p => new PluginRow(
                p.Id,
                p.Manifest?.Version,
                p.Manifest?.Kind.ToString().ToLowerInvariant(),
                p.Status.ToString(),
                p.Manifest?.Domains ?? [],
                p.Reason,
                PluginClaims.Describe(p))).ToList();

            if (parse.GetValue(json))
            {
                var document = new { plugins = rows, ytDlp = YtDlpDocument(ytDlp, now, notes) };
                Console.WriteLine(JsonSerializer.Serialize(document, CliJson.Options));
                return ExitCodes.Success;
            }

            PrintTable(rows);
            Console.WriteLine($"yt-dlp: {ytDlp.Summary(now)}");
            foreach (var note in notes)
            {
                Console.WriteLine("    " + note);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static object YtDlpDocument(YtDlpCapabilities ytDlp, DateTimeOffset now, IReadOnlyList<string> notes) => new
    {
        found = ytDlp.Found,
        version = ytDlp.Version,
        releaseDate = ytDlp.Released?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        releasedDaysAgo = ytDlp.AgeDays(now),
        jsRuntime = ytDlp.JsRuntime is { } r ? new { name = r.Name, version = r.Version } : null,
        impersonation = ytDlp.CanImpersonate,
        problem = ytDlp.Problem,
        summary = ytDlp.Summary(now),
        notes,
    };

    private static void PrintTable(IReadOnlyList<PluginRow> rows)
    {
        string[] header = ["ID", "VERSION", "KIND", "STATUS", "DOMAINS"];
        var cells = rows.Select(r => new[] { r.Id, r.Version ?? "-", r.Kind ?? "-", r.Status, string.Join(",", r.Domains) }).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => cells.Select(c => c[i].Length).Append(header[i].Length).Max()).ToArray();
        Console.WriteLine(Line(header, widths));
        for (var i = 0; i < rows.Count; i++)
        {
            Console.WriteLine(Line(cells[i], widths));
            if (rows[i].Reason is { } reason && rows[i].Status != "Active")
            {
                Console.WriteLine("    " + reason.ReplaceLineEndings("\n    "));
            }

            if (rows[i].Claims is { } claims)
            {
                Console.WriteLine("    " + claims);
            }
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();

    private sealed record PluginRow(string Id, string? Version, string? Kind, string Status, IReadOnlyList<string> Domains, string? Reason, string? Claims);
}
