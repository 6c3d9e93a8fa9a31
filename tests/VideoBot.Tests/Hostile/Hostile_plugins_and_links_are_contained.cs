using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using VideoBot.Host.Configuration;
using VideoBot.Host.Plugins;
using VideoBot.Host.Plugins.HotSwap;
using VideoBot.Host.Routing;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Plugins;
using VideoBot.Tests.Plugins.HotSwap;
using VideoBot.Host.PluginLifecycle.HotSwap;

namespace VideoBot.Tests.Hostile;

/// <summary>
/// The hostile suite: plugins and links written to hurt the host, each stopped or refused with its specific reason while the
/// host goes on serving the others. It adds what the unit suites leave open (hostile plugins side by side in one host, the
/// swap path, manifest patterns, links through routing to yt-dlp's command line). Covered elsewhere and not repeated here:
/// each sandbox limit alone (Scripting/SandboxLimitTests), CLR and environment escapes (Scripting/SandboxIsolationTests),
/// huge and endless responses (Network/PluginLimitsTests), entries and fixtures leaving the folder by path or symbolic link
/// (Manifests/ManifestPathTests), constructors that throw or hang at start-up (Plugins/PluginCatalogTests), unusable links:
/// odd schemes, credentials, control characters, 2048+ characters, IDN look-alikes (Routing/UrlNormalizerTests), private
/// addresses after DNS and on every redirect (Network/GatewayAddressTests, RedirectTests, EgressProxyTests,
/// Routing/ShortLinkResolverTests), and yt-dlp's <c>--</c> and <c>--ignore-config</c> (YtDlp/YtDlpArgumentsTests).
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class Hostile_plugins_and_links_are_contained : IDisposable
{
    private readonly TempPlugins _plugins = new();

    private void AddScript(string id, string script, object? limits = null, string? pattern = null)
    {
        var dir = Path.Combine(_plugins.Directory, id);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "extractor.js"), script);
        var manifest = new Dictionary<string, object>
        {
            ["id"] = id,
            ["name"] = id,
            ["version"] = "1.0.0",
            ["sdk"] = "^1.0",
            ["kind"] = "script",
            ["entry"] = "extractor.js",
            ["domains"] = new[] { id + ".example" },
            ["urlPatterns"] = new[] { pattern ?? $"^https://{id}\\.example/(?<id>[a-z0-9]+)$" },
        };
        if (limits is not null)
        {
            manifest["limits"] = limits;
        }

        File.WriteAllText(Path.Combine(dir, "plugin.json"), JsonSerializer.Serialize(manifest, JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task Hostile_scripts_running_at_once_are_each_stopped_with_their_reason_while_a_good_plugin_answers_every_request()
    {
        AddScript("loop", "async function extract() { while (true) {} }", new { timeoutMs = 500, maxStatements = 1_000_000_000 });
        AddScript("bomb", "async function extract() { const h = []; while (true) { h.push('x'.repeat(100000) + h.length); } }",
            new { memoryMb = 16, timeoutMs = 20_000, maxStatements = 1_000_000_000 });
        AddScript("deep", "function down(n) { return down(n + 1) + 1; }\nasync function extract() { return down(0); }", new { maxRecursion = 64 });
        AddScript("redos", "async function extract() { /^(a+)+$/.test('a'.repeat(40) + '!'); return {}; }", new { timeoutMs = 500 });
        ClipPlugin.Write(_plugins.Directory, "1.0.0");
        await using var host = await SwapHost.StartAsync(_plugins.Directory, watch: false);

        var hostile = new Dictionary<string, Task<ExtractionException>>
        {
            ["loop"] = FailureAsync(host, "https://loop.example/x"),
            ["bomb"] = FailureAsync(host, "https://bomb.example/x"),
            ["deep"] = FailureAsync(host, "https://deep.example/x"),
            ["redos"] = FailureAsync(host, "https://redos.example/x"),
        };
        var good = Enumerable.Range(0, 20).Select(i => host.Extraction.ExtractAsync(ClipPlugin.Url($"g{i}"), CancellationToken.None)).ToList();

        Assert.All(await Task.WhenAll(good), o => Assert.Equal("clips 1.0.0", o.Post.Title));
        Assert.Matches("^(script|plugin) 'loop' exceeded its 500 ms limit$", (await hostile["loop"]).Message);
        Assert.Equal("script 'bomb' exceeded its 16 MB memory limit", (await hostile["bomb"]).Message);
        Assert.Equal("script 'deep' exceeded its recursion limit of 64", (await hostile["deep"]).Message);
        Assert.Matches("^(script|plugin) 'redos' exceeded its 500 ms limit$", (await hostile["redos"]).Message);
        Assert.All(hostile.Values, t => Assert.Equal(ExtractionErrorKind.PluginFault, t.Result.Kind));
        Assert.Equal("clips 1.0.0", (await host.Extraction.ExtractAsync(ClipPlugin.Url("after"), CancellationToken.None)).Post.Title);
    }

    private static async Task<ExtractionException> FailureAsync(SwapHost host, string url) =>
        await Assert.ThrowsAsync<ExtractionException>(() => host.Extraction.ExtractAsync(url, CancellationToken.None));

    [Fact]
    public void A_catastrophic_url_pattern_in_a_manifest_costs_one_skipped_plugin_not_a_stalled_router()
    {
        AddScript("slowpattern", "async function extract() { return {}; }", pattern: @"^https://slowpattern\.example/(a|aa)+$");
        _plugins.AddScript("fallback", "slowpattern.example", pattern: @"^https://slowpattern\.example/.+$");
        var options = new PluginsOptions { Claims = { ["slowpattern.example"] = "slowpattern" } };
        using var catalog = new PluginCatalog(_plugins.Directory, new FixedOptions<PluginsOptions>(options), NullLogger<PluginCatalog>.Instance);
        var logs = new LogSink();
        var router = new Router(catalog, new Microsoft.Extensions.Logging.LoggerFactory([logs]).CreateLogger<Router>());

        var route = router.Route("https://slowpattern.example/" + new string('a', 60) + "b");

        Assert.Equal(["fallback"], route.Candidates.Select(c => c.Plugin.Id));
        Assert.Contains(logs.Lines, l => l.Message.StartsWith("Plugin slowpattern: URL pattern ", StringComparison.Ordinal)
            && l.Message.EndsWith(" timed out; skipping the plugin for this link", StringComparison.Ordinal));
        // A short path matches in time: the plugin is skipped for the one link, not dropped.
        Assert.Contains("slowpattern", router.Route("https://slowpattern.example/aaaa").Candidates.Select(c => c.Plugin.Id));
    }

    [Fact]
    public void A_manifest_whose_entry_is_dot_dot_dot_is_refused_with_its_reason_and_the_others_load()
    {
        AddScript("climber", "async function extract() { return {}; }");
        var manifest = Path.Combine(_plugins.Directory, "climber", "plugin.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"entry\":\"extractor.js\"", "\"entry\":\"../../..\"", StringComparison.Ordinal));
        ClipPlugin.Write(_plugins.Directory, "1.0.0");

        using var catalog = new PluginCatalog(_plugins.Directory, new FixedOptions<PluginsOptions>(new PluginsOptions()), NullLogger<PluginCatalog>.Instance);

        var climber = catalog.Find("climber")!;
        Assert.Equal(PluginStatus.Malfunctioned, climber.Status);
        Assert.Contains("$.entry: \"../../..\" points outside the plugin folder", climber.Reason, StringComparison.Ordinal);
        Assert.Null(climber.Extractor);
        Assert.Equal(PluginStatus.Active, catalog.Find("clips")!.Status);
    }

    [Theory]
    [InlineData("ThrowingExtractor", "the constructor of VideoBot.TestPlugins.ThrowingExtractor threw InvalidOperationException: the test plugin refuses to start")]
    [InlineData("HangingExtractor", "the constructor of VideoBot.TestPlugins.HangingExtractor did not finish within 300 ms")]
    public async Task A_new_assembly_version_whose_constructor_throws_or_hangs_is_refused_and_the_old_version_keeps_serving(string type, string reason)
    {
        var manifest = Path.Combine(_plugins.AddTestAssembly("echo", "EchoExtractor", "echo.example"), "plugin.json");
        await using var host = await SwapHost.StartAsync(_plugins.Directory, watch: false, new Dictionary<string, string?>
        {
            ["Plugins:AssemblyLoadTimeoutMs"] = "300",
        });
        File.WriteAllText(manifest, File.ReadAllText(manifest)
            .Replace("\"version\":\"1.0.0\"", "\"version\":\"2.0.0\"", StringComparison.Ordinal)
            .Replace("VideoBot.TestPlugins.EchoExtractor", "VideoBot.TestPlugins." + type, StringComparison.Ordinal));

        var result = Assert.Single(await host.Swapper.SyncAsync(["echo"], force: false, CancellationToken.None));

        Assert.Equal(SwapOutcome.Refused, result.Outcome);
        Assert.Equal("Malfunctioned: " + reason, result.Reason);
        var outcome = await host.Extraction.ExtractAsync("https://echo.example/7", CancellationToken.None);
        Assert.Equal(("7", "echo from echo"), (outcome.Post.Id, outcome.Post.Title));
        Assert.Equal("1.0.0", host.Catalog.Find("echo")!.Manifest!.Version);
    }

    [Fact]
    public async Task A_new_assembly_version_that_ends_the_process_in_its_extractor_is_refused_in_a_separate_process_and_the_old_version_keeps_serving()
    {
        var manifest = Path.Combine(_plugins.AddTestAssembly("echo", "EchoExtractor", "echo.example"), "plugin.json");
        await using var host = await SwapHost.StartAsync(_plugins.Directory, watch: false);
        File.WriteAllText(manifest, File.ReadAllText(manifest)
            .Replace("\"version\":\"1.0.0\"", "\"version\":\"2.0.0\"", StringComparison.Ordinal)
            .Replace("VideoBot.TestPlugins.EchoExtractor", "VideoBot.TestPlugins.ExitingExtractor", StringComparison.Ordinal)
            .TrimEnd('}') + ",\"tests\":[{\"name\":\"exits\",\"url\":\"https://echo.example/1\",\"expect\":{\"id\":\"1\"}}]}");

        // Run in this (the test) process, Environment.Exit would end the test run here.
        var result = Assert.Single(await host.Swapper.SyncAsync(["echo"], force: false, CancellationToken.None));

        Assert.Equal(SwapOutcome.Refused, result.Outcome);
        Assert.Equal("its manifest tests, run in a separate process, ended that process (exit code 0) before they finished", result.Reason);
        var outcome = await host.Extraction.ExtractAsync("https://echo.example/7", CancellationToken.None);
        Assert.Equal(("7", "echo from echo"), (outcome.Post.Id, outcome.Post.Title));
        Assert.Equal("1.0.0", host.Catalog.Find("echo")!.Manifest!.Version);
        Assert.Contains("version 2.0.0 was refused", host.Catalog.Find("echo")!.SwapRefusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-o/tmp/pwned", "https://-o/tmp/pwned")]
    [InlineData("https://example.com/$(reboot);`id`|x&y>z", "https://example.com/$(reboot);%60id%60%7Cx&y%3Ez")]
    [InlineData("https://example.com/'\"--exec=id", "https://example.com/'%22--exec=id")]
    public void A_link_shaped_like_an_option_or_a_shell_command_reaches_yt_dlp_as_one_URL_after_a_double_dash(string link, string expected)
    {
        using var catalog = new PluginCatalog(Path.Combine(RepoPaths.Root, "plugins"), new FixedOptions<PluginsOptions>(new PluginsOptions()), NullLogger<PluginCatalog>.Instance);
        var route = new Router(catalog, NullLogger<Router>.Instance).Route(link);

        Assert.Equal("generic", route.Candidates[0].Plugin.Id);
        var url = route.Candidates[0].Url!;
        var request = new YtDlpRequest(url) { AllowGenericExtractor = true };
        YtDlpArguments.ValidateUrl(url);
        var args = YtDlpArguments.WithUrl(YtDlpArguments.Common(request, null, null), url);

        Assert.Equal(["--", expected], args[^2..]);
        Assert.Single(args, a => a.Contains("pwned", StringComparison.Ordinal) || a.Contains("reboot", StringComparison.Ordinal) || a.Contains("exec=id", StringComparison.Ordinal));
    }

    [Fact]
    public void A_look_alike_of_a_platform_domain_is_never_routed_to_that_platform()
    {
        using var catalog = new PluginCatalog(Path.Combine(RepoPaths.Root, "plugins"), new FixedOptions<PluginsOptions>(new PluginsOptions()), NullLogger<PluginCatalog>.Instance);
        var router = new Router(catalog, NullLogger<Router>.Instance);

        // Cyrillic "і" and "о" in place of Latin letters.
        foreach (var link in new[] { "https://www.\u0456nstagram.com/p/CxYz123AbCd/", "https://y\u043eutube.com/watch?v=dQw4w9WgXcQ", "https://vimeo.com.evil.example/76979871" })
        {
            var route = router.Route(link);
            Assert.Equal(["generic"], route.Candidates.Select(c => c.Plugin.Id));
        }

        Assert.Equal("instagram", router.Route("https://www.instagram.com/p/CxYz123AbCd/").Candidates[0].Plugin.Id);
    }

    public void Dispose() => _plugins.Dispose();
}
