using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Routing;

namespace VideoBot.Benchmarks.Micro;

/// <summary>
/// Routing with every plugin of the repository loaded, over the README's table of URL forms (all 17 plugins, short links,
/// tracking parameters), against only parsing the same strings as URIs: how much the router adds to the least any handling costs.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class RoutingBenchmarks
{
    private ServiceProvider _services = null!;
    private IRouter _router = null!;
    private string[] _urls = [];

    /// <summary>The URLs of one round; divide by the time per round for URLs per second.</summary>
    public int UrlsPerRound => _urls.Length;

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchServices.Build();
        _router = _services.GetRequiredService<IRouter>();
        _urls = ReadmeUrls.Load();
        _router.Route(_urls[0]);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "parse as Uri (baseline)")]
    public int ParseOnly()
    {
        var parsed = 0;
        foreach (var url in _urls)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                parsed++;
            }
        }

        return parsed;
    }

    [Benchmark(Description = "route with all plugins")]
    public int Route()
    {
        var routed = 0;
        foreach (var url in _urls)
        {
            routed += _router.Route(url).Candidates.Count;
        }

        return routed;
    }
}

/// <summary>The URL forms of the README's "Supported platforms" table.</summary>
internal static class ReadmeUrls
{
    public static string[] Load() =>
        [.. File.ReadAllLines(Path.Combine(BenchPaths.Root, "README.md"))
            .SkipWhile(l => l != "## Supported platforms").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => l.Split('|', StringSplitOptions.TrimEntries)[4].Split('`', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
