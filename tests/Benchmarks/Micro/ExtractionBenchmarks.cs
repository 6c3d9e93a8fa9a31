using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Extraction;

namespace VideoBot.Benchmarks.Micro;

/// <summary>
/// One page, described twice: by the host's extraction path (router, the generic JavaScript extractor in a fresh Jint sandbox,
/// the permission-checked gateway, AngleSharp's HTML helpers) and by <c>yt-dlp -J</c>, the baseline, a process per run as the
/// host would otherwise spawn. Both fetch the page from the same loopback site.
/// </summary>
[Config(typeof(InProcessConfig))]
public class ExtractionBenchmarks
{
    private BenchSite _site = null!;
    private ServiceProvider _services = null!;
    private LinkExtraction _extraction = null!;
    private string _page = "";

    [GlobalSetup]
    public void Setup()
    {
        var clip = BenchMedia.ClipAsync(2).GetAwaiter().GetResult();
        _site = BenchSite.StartAsync(new Dictionary<string, string> { ["harbour"] = clip }).GetAwaiter().GetResult();
        _page = _site.Page("harbour");
        _services = BenchServices.Build(allowPrivateAddresses: true);
        _extraction = _services.GetRequiredService<LinkExtraction>();
        var first = _extraction.ExtractAsync(_page, CancellationToken.None).GetAwaiter().GetResult();
        if (first.Plugin.Id != "generic" || first.Post.Items.Count == 0)
        {
            throw new InvalidOperationException($"the page was not described by the generic script: {first.Plugin.Id}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _site.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "yt-dlp -J (baseline)")]
    public async Task<int> YtDlpJson()
    {
        var start = new ProcessStartInfo("yt-dlp") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--ignore-config", "--no-warnings", "-J", "--", _page })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var json = await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? json.Length : throw new InvalidOperationException("yt-dlp failed on " + _page);
    }

    [Benchmark(Description = "JavaScript extractor in process")]
    public async Task<int> ScriptExtractor()
    {
        var outcome = await _extraction.ExtractAsync(_page, CancellationToken.None);
        return outcome.Post.Items.Count;
    }
}
