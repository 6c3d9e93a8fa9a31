using VideoBot.Host.Plugins;
using VideoBot.Host.Plugins.HotSwap;
using VideoBot.Host.PluginLifecycle.HotSwap;

namespace VideoBot.Tests.Plugins.HotSwap;

public sealed class Plugin_health
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Repeated_failures_in_the_window_degrade_and_successes_bring_it_back()
    {
        var clock = new ManualClock();
        var health = new PluginHealth(TimeSpan.FromMinutes(5), threshold: 3, clock);

        health.RecordSuccess();
        health.RecordFailure("SiteChanged: one");
        health.RecordFailure("SiteChanged: two");
        Assert.False(health.IsDegraded);

        health.RecordFailure("SiteChanged: three");
        Assert.True(health.IsDegraded);
        Assert.Equal("3 failed, 1 succeeded in the last 5 min; last error: SiteChanged: three", health.Describe());

        health.RecordSuccess();
        health.RecordSuccess();
        Assert.True(health.IsDegraded);
        health.RecordSuccess();
        Assert.False(health.IsDegraded);
        Assert.Equal("SiteChanged: three", health.LastError);
    }

    [Fact]
    public void Failures_that_leave_the_window_no_longer_count()
    {
        var clock = new ManualClock();
        var health = new PluginHealth(TimeSpan.FromMinutes(5), threshold: 3, clock);
        for (var i = 0; i < 3; i++)
        {
            health.RecordFailure("PluginFault: crashed");
        }

        Assert.True(health.IsDegraded);
        clock.Now += TimeSpan.FromMinutes(6);

        Assert.False(health.IsDegraded);
        Assert.Equal((0, 0), health.Counts());
    }

    [Fact]
    public async Task A_plugin_failing_repeatedly_is_degraded_and_the_router_prefers_the_next_candidate()
    {
        using var plugins = new TempPlugins();
        ClipPlugin.Write(plugins.Directory, "1.0.0", id: "clips-broken",
            script: "async function extract(request) { fail('SiteChanged', 'the page layout changed'); }");
        ClipPlugin.Write(plugins.Directory, "1.0.0", id: "clips-backup", script: ClipPlugin.Script("backup"));
        await using var host = await SwapHost.StartAsync(plugins.Directory, watch: false, new Dictionary<string, string?>
        {
            ["Plugins:Priority:clips-broken"] = "10",
            ["Plugins:Priority:clips-backup"] = "0",
        });
        var broken = host.Catalog.Find("clips-broken")!;

        // Every request is answered (the backup takes over), and after three failures the broken one is no longer tried first.
        for (var i = 0; i < 10; i++)
        {
            var outcome = await host.Extraction.ExtractAsync(ClipPlugin.Url($"n{i}"), CancellationToken.None);
            Assert.Equal("clips backup", outcome.Post.Title);
        }

        Assert.Equal(PluginStatus.Degraded, broken.Status);
        Assert.True(broken.IsServing);
        Assert.Equal((0, 3), broken.Health.Counts());
        Assert.Equal("failing repeatedly: 3 failed, 0 succeeded in the last 5 min; last error: SiteChanged: script 'clips-broken': the page layout changed", broken.Reason);
        var notice = Assert.Single(host.DrainNotices());
        Assert.Equal((PluginNoticeKind.Degraded, "clips-broken"), (notice.Kind, notice.PluginId));
        Assert.Equal((10, 0), host.Catalog.Find("clips-backup")!.Health.Counts());
    }

    [Fact]
    public async Task A_canary_round_counts_a_failing_manifest_test_against_the_plugin_and_tells_the_admins()
    {
        using var plugins = new TempPlugins();
        ClipPlugin.Write(plugins.Directory, "1.0.0", expectedTitle: "what the site used to say");
        await using var host = await SwapHost.StartAsync(plugins.Directory, watch: false);

        await host.Get<PluginCanary>().RunOnceAsync(CancellationToken.None);

        var clips = host.Catalog.Find("clips")!;
        Assert.Equal((0, 1), clips.Health.Counts());
        Assert.StartsWith("canary: manifest test 'a clip names its version' failed: title: expected", clips.Health.LastError, StringComparison.Ordinal);
        Assert.Equal(PluginNoticeKind.CanaryFailed, Assert.Single(host.DrainNotices()).Kind);
    }

    [Fact]
    public async Task A_canary_round_over_a_healthy_plugin_counts_a_success()
    {
        using var plugins = new TempPlugins();
        ClipPlugin.Write(plugins.Directory, "1.0.0");
        await using var host = await SwapHost.StartAsync(plugins.Directory, watch: false);

        await host.Get<PluginCanary>().RunOnceAsync(CancellationToken.None);

        Assert.Equal((1, 0), host.Catalog.Find("clips")!.Health.Counts());
        Assert.Empty(host.DrainNotices());
    }
}
