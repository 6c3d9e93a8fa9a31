using Microsoft.AspNetCore.Builder;
using VideoBot.Tests.Support;
using static VideoBot.Tests.Network.ProxyClients;

namespace VideoBot.Tests.Network;

/// <summary>The processes the proxy exists for, pointed at it the way the yt-dlp engine and the downloader do.</summary>
public sealed class ChildProcessProxyTests : IAsyncLifetime
{
    private FixtureSite _site = null!;

    public async Task InitializeAsync()
    {
        var mp4 = await TestMedia.Mp4Async();
        _site = await FixtureSite.StartAsync(app => app.MapGet("/clip.mp4", () => FixtureSite.File(mp4, "video/mp4")));
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task yt_dlp_through_the_proxy_cannot_reach_loopback_when_private_addresses_are_not_allowed()
    {
        await using var proxy = Proxy(allowPrivate: false);

        var (exitCode, _, error) = await YtDlpAsync(proxy.Url);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("403", error, StringComparison.Ordinal);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task yt_dlp_through_the_proxy_reaches_loopback_when_private_addresses_are_allowed()
    {
        await using var proxy = Proxy(allowPrivate: true);

        var (exitCode, output, error) = await YtDlpAsync(proxy.Url);

        Assert.True(exitCode == 0, error);
        Assert.Contains("\"ext\": \"mp4\"", output, StringComparison.Ordinal);
        Assert.Contains("/clip.mp4", _site.Requests);
    }

    [Fact]
    public async Task ffmpeg_through_the_proxy_cannot_reach_loopback_when_private_addresses_are_not_allowed()
    {
        await using var proxy = Proxy(allowPrivate: false);

        var (exitCode, _, _) = await FfmpegAsync(proxy.Url);

        Assert.NotEqual(0, exitCode);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task ffmpeg_through_the_proxy_reads_the_clip_when_private_addresses_are_allowed()
    {
        await using var proxy = Proxy(allowPrivate: true);

        var (exitCode, _, error) = await FfmpegAsync(proxy.Url);

        Assert.True(exitCode == 0, error);
        Assert.Contains("/clip.mp4", _site.Requests);
    }

    private Task<(int ExitCode, string Output, string Error)> YtDlpAsync(Uri proxy) =>
        RunAsync("yt-dlp", "--ignore-config", "--no-cache-dir", "--proxy", proxy.ToString(), "-J", "--", _site.Url("/clip.mp4").ToString());

    private Task<(int ExitCode, string Output, string Error)> FfmpegAsync(Uri proxy) =>
        RunAsync("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-http_proxy", proxy.ToString(),
            "-i", _site.Url("/clip.mp4").ToString(), "-f", "null", "-");
}
