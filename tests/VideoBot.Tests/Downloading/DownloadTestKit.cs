using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Downloading;
using VideoBot.Host.Network;
using VideoBot.Host.YtDlp;
using VideoBot.Host.Media;

namespace VideoBot.Tests.Downloading;

/// <summary>The real parts the download tests run against: the gateway, the yt-dlp engine, ffprobe, a private folder.</summary>
internal static class DownloadTestKit
{
    /// <summary>The real gateway; <paramref name="allowPrivate"/> lets it reach the fixture site on 127.0.0.1.</summary>
    public static HttpGateway Gateway(bool allowPrivate = true) =>
        new(Options.Create(new NetworkOptions { AllowPrivateAddresses = allowPrivate }), NullLoggerFactory.Instance);

    /// <summary>The system yt-dlp's capabilities, asked once for all the tests that use it (as the bot asks once).</summary>
    private static readonly YtDlpCapabilityCache SystemCapabilities = Capabilities(new YtDlpOptions());

    public static YtDlpEngine Engine(YtDlpOptions? options = null, bool allowPrivate = true, CookieAccounts? accounts = null)
    {
        var network = Options.Create(new NetworkOptions { AllowPrivateAddresses = allowPrivate });
        var chosen = options ?? FastOptions();
        return new YtDlpEngine(
            Options.Create(chosen), network, new EgressProxy(network, NullLoggerFactory.Instance),
            chosen.Path == new YtDlpOptions().Path ? SystemCapabilities : Capabilities(chosen),
            new YtDlpGate(TimeProvider.System), accounts ?? Accounts(chosen), NullLogger<YtDlpEngine>.Instance);
    }

    public static CookieAccounts Accounts(YtDlpOptions options, TimeProvider? time = null) =>
        new(new Plugins.FixedOptions<YtDlpOptions>(options), time ?? TimeProvider.System, NullLogger<CookieAccounts>.Instance);

    public static YtDlpCapabilityCache Capabilities(YtDlpOptions options) =>
        new(Options.Create(options), TimeProvider.System, NullLogger<YtDlpCapabilityCache>.Instance);

    public static YtDlpOptions FastOptions() => new() { MetadataTimeoutSeconds = 30, DownloadTimeoutSeconds = 60 };

    public static MediaDownloader Downloader(bool allowPrivate = true, YtDlpOptions? options = null) =>
        new(Gateway(allowPrivate), Engine(options, allowPrivate), Clipper(options, allowPrivate), Options.Create(options ?? FastOptions()), NullLogger<MediaDownloader>.Instance);

    public static VideoBot.Host.Downloading.FfmpegClipper Clipper(YtDlpOptions? options = null, bool allowPrivate = true)
    {
        var network = Options.Create(new NetworkOptions { AllowPrivateAddresses = allowPrivate });
        return new(Options.Create(options ?? FastOptions()), network, new EgressProxy(network, NullLoggerFactory.Instance), NullLogger<VideoBot.Host.Downloading.FfmpegClipper>.Instance);
    }

    /// <summary>ffprobe's view of a file: its duration in seconds and the types of its streams.</summary>
    public static async Task<(double Duration, IReadOnlyList<string> Streams)> ProbeAsync(string path)
    {
        var psi = new ProcessStartInfo("ffprobe")
        {
            ArgumentList = { "-v", "error", "-show_entries", "format=duration:stream=codec_type", "-of", "json", path },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        var json = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        using var doc = JsonDocument.Parse(json);
        var duration = double.Parse(doc.RootElement.GetProperty("format").GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var streams = doc.RootElement.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_type").GetString()!).ToList();
        return (duration, streams);
    }
}

/// <summary>A job-private folder, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "videobot-dl-" + Guid.NewGuid().ToString("N"));

    public IReadOnlyList<string> Files => Directory.Exists(Path) ? Directory.GetFiles(Path) : [];

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

/// <summary>Records progress reports synchronously (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
internal sealed class RecordingProgress : IProgress<DownloadProgress>
{
    private readonly ConcurrentQueue<DownloadProgress> _reports = new();

    public IReadOnlyList<DownloadProgress> Reports => [.. _reports];

    public Action<DownloadProgress>? OnReport { get; init; }

    public void Report(DownloadProgress value)
    {
        _reports.Enqueue(value);
        OnReport?.Invoke(value);
    }
}
