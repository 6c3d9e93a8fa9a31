using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VideoBot.Host.Configuration;
using VideoBot.Host.Observability;
using VideoBot.Host.YtDlp;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.YtDlp;
using VideoBot.Host.Hosting;

namespace VideoBot.Tests.Observability;

/// <summary>/readyz's yt-dlp check against real executables: a fake yt-dlp of a chosen age, and none at all.</summary>
public sealed class YtDlpReadinessTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 4, 20, 0, 0, TimeSpan.Zero));

    private static async Task<HealthCheckResult> CheckAsync(YtDlpOptions options)
    {
        var cache = new YtDlpCapabilityCache(Options.Create(options), Clock, NullLogger<YtDlpCapabilityCache>.Instance);
        var check = new ReadinessChecks.YtDlpCheck(cache, Options.Create(options), Clock);
        return await check.CheckHealthAsync(new HealthCheckContext());
    }

    [Fact]
    public async Task A_recent_yt_dlp_is_ready_and_described_like_the_plugins_command()
    {
        var (folder, path) = await FakeYtDlp.CreateAsync("2026.11.23", FakeYtDlp.ModernHelp, FakeYtDlp.CurlCffiTargets);
        using var _ = folder;

        var result = await CheckAsync(new YtDlpOptions { Path = path });

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.StartsWith("yt-dlp 2026.11.23 (released 11 days ago; js runtime: ", result.Description);
        Assert.EndsWith("; impersonation: yes).", result.Description);
    }

    [Fact]
    public async Task A_yt_dlp_older_than_90_days_is_a_warning_but_still_ready()
    {
        var (folder, path) = await FakeYtDlp.CreateAsync("2023.03.04", FakeYtDlp.OldHelp);
        using var _ = folder;

        var result = await CheckAsync(new YtDlpOptions { Path = path });

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("yt-dlp 2023.03.04 (released 1371 days ago; js runtime: none; impersonation: no).", result.Description);
        Assert.Contains("is 1371 days old (more than 90)", result.Description);
        Assert.Contains("too old for --js-runtimes", result.Description);
    }

    [Fact]
    public async Task A_missing_yt_dlp_is_not_ready_and_its_path_is_not_shown()
    {
        var result = await CheckAsync(new YtDlpOptions { Path = "/nonexistent/secret-folder/yt-dlp" });

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("script plugins still serve", result.Description);
        Assert.DoesNotContain("secret-folder", result.Description);
    }
}
