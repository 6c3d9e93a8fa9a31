using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace VideoBot.Benchmarks.Whole;

/// <summary>
/// A hot swap as an operator makes it (the README's "Swapping a plugin": copy beside, remove, move into place), timed from
/// the move to the moment the running bot's <c>/metrics</c> shows the new version Active, which is when the router serves it.
/// The baseline is the validation alone, as <c>videobot validate</c> does it in a process of its own: the work a swap cannot skip.
/// </summary>
internal static partial class HotSwapBench
{
    private const string Plugin = "streamable";

    public static async Task<Figure> SwapAsync(int runs)
    {
        var root = Directory.CreateTempSubdirectory("videobot-bench-swap-").FullName;
        try
        {
            var plugins = Path.Combine(root, "plugins");
            Copy(BenchPaths.Plugins, plugins);
            var port = FreePort();
            await using var telegram = await WholeProcessBench.FakeAsync();
            await using var bot = BotProcess.Start(telegram, new Dictionary<string, string>
            {
                ["Plugins__Directory"] = plugins,
                ["Plugins__Watch"] = "true",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            });
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            // The plugin as shipped, whatever its version today; each swap brings the next patch version.
            var shipped = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(BenchPaths.Plugins, Plugin, "plugin.json")))
                .RootElement.GetProperty("version").GetString()!;
            await WaitForVersionAsync(http, shipped, TimeSpan.FromSeconds(60));

            var parts = shipped.Split('.');
            var run = 0;
            var swap = await Measure.MedianAsync(runs, async () =>
            {
                var version = $"{parts[0]}.{parts[1]}.{int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture) + ++run}";
                var staged = Path.Combine(plugins, $".{Plugin}.new");
                Copy(Path.Combine(BenchPaths.Plugins, Plugin), staged);
                var manifest = Path.Combine(staged, "plugin.json");
                File.WriteAllText(manifest, VersionLine().Replace(File.ReadAllText(manifest), $"\"version\": \"{version}\"", 1));
                var watch = Stopwatch.StartNew();
                Directory.Delete(Path.Combine(plugins, Plugin), recursive: true);
                Directory.Move(staged, Path.Combine(plugins, Plugin));
                await WaitForVersionAsync(http, version, TimeSpan.FromSeconds(60));
                return watch.Elapsed.TotalSeconds;
            });

            var validate = await Measure.MedianAsync(runs, () =>
                Measure.ProcessSecondsAsync(BenchPaths.Videobot, "validate", Path.Combine(BenchPaths.Plugins, Plugin)));
            return new Figure($"hot swap of a script plugin, folder moved in → new version serving", swap, "s",
                "`videobot validate` of the same folder, a process of its own", validate, "about 1 s", swap <= 1.5);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task WaitForVersionAsync(HttpClient http, string version, TimeSpan timeout)
    {
        var series = $"videobot_plugin_info{{plugin=\"{Plugin}\",version=\"{version}\",status=\"Active\"}} 1";
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            try
            {
                if ((await http.GetStringAsync("/metrics")).Contains(series, StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"{Plugin} {version} was not Active within {timeout}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [GeneratedRegex("\"version\"\\s*:\\s*\"[^\"]*\"")]
    private static partial Regex VersionLine();
}
