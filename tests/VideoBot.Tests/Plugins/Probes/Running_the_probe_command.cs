using System.Text.Json;
using VideoBot.Tests.Cli;

namespace VideoBot.Tests.Plugins.Probes;

/// <summary>
/// <c>videobot probe</c>, the real executable, against replayed sites: the table per plugin, the success rate, the exit code,
/// and each way a probe fails (the post gone, the site's answer changed, the media not what the probe expects).
/// </summary>
public sealed class Running_the_probe_command : IAsyncLifetime
{
    private ProbedSites _sites = null!;

    public async Task InitializeAsync() => _sites = await ProbedSites.StartAsync();

    public async Task DisposeAsync() => await _sites.DisposeAsync();

    private Task<VideobotProcess.Result> ProbeAsync(params string[] arguments)
    {
        var environment = Environment();
        foreach (var (origin, target) in _sites.OriginOverrides)
        {
            environment[$"Network__OriginOverrides__{origin}"] = target;
        }

        return VideobotProcess.RunAsync(["probe", "--plugins", _sites.Directory, .. arguments], environment);
    }

    /// <summary>Private addresses allowed (the replays are on loopback), and the operator's settings the plugins need.</summary>
    private Dictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string> { ["Network__AllowPrivateAddresses"] = "true" };
        foreach (var (key, value) in _sites.OperatorSettings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return environment;
    }

    [Fact]
    public async Task Probing_every_plugin_prints_a_table_each_with_the_failure_kinds_and_exits_1_when_one_failed()
    {
        var run = await ProbeAsync();

        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.Lines;
        Assert.Contains("clips-changed 1.0.0: 0/2 probes passed", lines);
        Assert.Contains("clips-gone 1.0.0: 0/1 probes passed", lines);
        Assert.Contains("streamable 1.0.0: 1/1 probes passed", lines);
        Assert.Matches(@"^FAIL\s+\d+\.\d s\s+SiteChanged\s+a redesigned answer$", Row(lines, "a redesigned answer"));
        Assert.Matches(@"^FAIL\s+\d+\.\d s\s+Mismatch\s+a ready video a minute long$", Row(lines, "a ready video a minute long"));
        Assert.Contains("expected at least 60 s, got 11.9 s", lines);
        Assert.Matches(@"^FAIL\s+\d+\.\d s\s+NotFound\s+a deleted video$", Row(lines, "a deleted video"));
        Assert.Matches(@"^pass\s+\d+\.\d s\s+-\s+a ready video$", Row(lines, "a ready video"));
        Assert.Equal("overall: 1/4 probes passed (25%)", lines[^1]);
    }

    [Fact]
    public async Task Probing_a_plugin_whose_probes_pass_exits_0_and_json_gives_the_success_rate()
    {
        var run = await ProbeAsync("streamable", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("passed").GetInt32());
        Assert.Equal(1, root.GetProperty("total").GetInt32());
        Assert.Equal(1.0, root.GetProperty("successRate").GetDouble());
        var probe = root.GetProperty("plugins")[0].GetProperty("probes")[0];
        Assert.Equal("https://streamable.com/moo", probe.GetProperty("url").GetString());
        Assert.True(probe.GetProperty("passed").GetBoolean());
        Assert.False(probe.TryGetProperty("failure", out _));
    }

    [Fact]
    public async Task An_unknown_plugin_id_is_a_usage_error_naming_the_plugins()
    {
        var run = await ProbeAsync("nope");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("no plugin 'nope'; the plugins are clips-changed, clips-gone, streamable.", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_that_cannot_be_reached_fails_its_probe_with_a_network_error_cleanly()
    {
        // As without internet: the API's origin leads to a loopback port nobody listens on.
        var closed = $"http://127.0.0.1:{VideoBot.Tests.TelegramBot.Support.BotHarness.FreePort()}";
        var environment = Environment();
        environment["Network__OriginOverrides__https://api.streamable.com"] = closed;
        var run = await VideobotProcess.RunAsync(["probe", "--plugins", _sites.Directory, "streamable"], environment);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"^FAIL\s+\d+\.\d s\s+Network\s+a ready video$", Row(run.Lines, "a ready video"));
        Assert.Equal("overall: 0/1 probes passed (0%)", run.Lines[^1]);
        Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The table row of the probe named <paramref name="name"/>.</summary>
    private static string Row(string[] lines, string name) =>
        lines.Single(l => l.EndsWith("  " + name, StringComparison.Ordinal) && (l.StartsWith("pass", StringComparison.Ordinal) || l.StartsWith("FAIL", StringComparison.Ordinal)));
}
