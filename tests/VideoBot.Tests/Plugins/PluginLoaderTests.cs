using VideoBot.Host.Plugins;
using VideoBot.Host.Scripting;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Tests.Plugins;

public sealed class PluginLoaderTests : IDisposable
{
    private readonly TempPlugins _plugins = new();

    [Fact]
    public void A_script_plugin_loads_as_active_with_its_patterns_compiled()
    {
        var dir = _plugins.AddScript("clips", "clips.example", priority: 7);

        var handle = new PluginLoader(TestOptions.Plugins()).Load(dir);

        Assert.Equal(PluginStatus.Active, handle.Status);
        Assert.Null(handle.Reason);
        var script = Assert.IsType<ScriptExtractor>(handle.Extractor);
        Assert.Equal(Path.Combine(dir, "extractor.js"), script.ScriptPath);
        Assert.Equal(7, handle.EffectivePriority);
        var pattern = Assert.Single(handle.Patterns);
        Assert.Equal(TimeSpan.FromMilliseconds(100), pattern.MatchTimeout);
        Assert.Matches(pattern, "https://clips.example/abc");
    }

    [Fact]
    public void A_manifest_failing_the_schema_still_shows_the_version_it_declares()
    {
        var dir = _plugins.Add("broken", new { id = "broken", version = "2.3.4", kind = "script" });

        var handle = new PluginLoader(TestOptions.Plugins()).Load(dir);

        Assert.Equal(PluginStatus.Malfunctioned, handle.Status);
        Assert.Null(handle.Manifest);
        Assert.Equal("2.3.4", handle.DeclaredVersion);
    }

    [Fact]
    public void A_script_plugin_gets_its_manifest_limits_capped_by_the_host_maximums()
    {
        var dir = _plugins.Add("greedy", new
        {
            id = "greedy", name = "greedy", version = "1.0.0", sdk = "^1.0", kind = "script", entry = "extractor.js",
            domains = new[] { "greedy.example" }, urlPatterns = new[] { "^https://greedy\\.example/$" },
            limits = new { timeoutMs = 600_000, memoryMb = 4 },
        }, [(Path.Combine(RepoPaths.Plugin("streamable"), "extractor.js"), "extractor.js")]);

        var handle = new PluginLoader(TestOptions.Plugins(o => o.MaxScriptTimeoutMs = 2_000)).Load(dir);

        var limits = Assert.IsType<ScriptExtractor>(handle.Extractor).Limits;
        Assert.Equal(TimeSpan.FromSeconds(2), limits.Timeout);
        Assert.Equal(4L * 1024 * 1024, limits.MemoryBytes);
    }

    [Fact]
    public void The_vimeo_assembly_plugin_loads_in_its_own_load_context_sharing_the_sdk()
    {
        var handle = new PluginLoader(TestOptions.Plugins()).Load(RepoPaths.Plugin("vimeo"));
        try
        {
            Assert.True(handle.Status == PluginStatus.Active, handle.Reason);
            var extractor = handle.Extractor!;
            Assert.Equal("VideoBot.Plugins.Vimeo.VimeoExtractor", extractor.GetType().FullName);
            var context = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(extractor.GetType().Assembly)!;
            Assert.True(context.IsCollectible);
            Assert.NotSame(System.Runtime.Loader.AssemblyLoadContext.Default, context);
            // The SDK is shared: the plugin sees the host's IExtractor, or the cast above would have failed.
            Assert.Same(typeof(IExtractor).Assembly, extractor.GetType().GetInterfaces().Single(i => i.Name == "IExtractor").Assembly);
            Assert.Equal(64, handle.AssemblySha256!.Length);
        }
        finally
        {
            handle.Lifetime?.Dispose();
        }
    }

    [Fact]
    public void A_constructor_that_throws_marks_the_plugin_malfunctioned_with_the_cause()
    {
        var dir = _plugins.AddTestAssembly("thrower", "ThrowingExtractor");

        var handle = new PluginLoader(TestOptions.Plugins()).Load(dir);

        Assert.Equal(PluginStatus.Malfunctioned, handle.Status);
        Assert.Null(handle.Extractor);
        Assert.Contains("threw InvalidOperationException: the test plugin refuses to start", handle.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constructor_that_hangs_is_given_up_on_after_the_time_limit()
    {
        var dir = _plugins.AddTestAssembly("hanger", "HangingExtractor");
        var started = System.Diagnostics.Stopwatch.StartNew();

        var handle = new PluginLoader(TestOptions.Plugins(o => o.AssemblyLoadTimeoutMs = 300)).Load(dir);

        Assert.Equal(PluginStatus.Malfunctioned, handle.Status);
        Assert.Contains("did not finish within 300 ms", handle.Reason, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"the loader waited {started.Elapsed}");
    }

    [Fact]
    public void An_assembly_with_several_extractors_and_no_type_is_refused_with_their_names()
    {
        var dir = _plugins.Add("several", new
        {
            id = "several", name = "several", version = "1.0.0", sdk = "^1.0", kind = "assembly",
            entry = "bin/VideoBot.TestPlugins.dll", domains = new[] { "test.example" }, urlPatterns = new[] { "^https://test\\.example/$" },
        }, [(RepoPaths.TestPluginsAssembly, "bin/VideoBot.TestPlugins.dll")]);

        var handle = new PluginLoader(TestOptions.Plugins()).Load(dir);

        Assert.Equal(PluginStatus.Malfunctioned, handle.Status);
        Assert.Contains("several IExtractor implementations", handle.Reason, StringComparison.Ordinal);
        Assert.Contains("VideoBot.TestPlugins.EchoExtractor", handle.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assembly_missing_from_the_allow_list_is_refused_with_its_hash()
    {
        var dir = _plugins.AddTestAssembly("echo", "EchoExtractor");
        var hash = AssemblyPluginActivator.HashFile(Path.Combine(dir, "bin", "VideoBot.TestPlugins.dll"));

        var refused = new PluginLoader(TestOptions.Plugins(o => o.AllowedAssemblySha256 = [new string('0', 64)])).Load(dir);
        var allowed = new PluginLoader(TestOptions.Plugins(o => o.AllowedAssemblySha256 = [hash.ToUpperInvariant()])).Load(dir);
        try
        {
            Assert.Equal(PluginStatus.Malfunctioned, refused.Status);
            Assert.Contains(hash, refused.Reason, StringComparison.Ordinal);
            Assert.Contains("Plugins:AllowedAssemblySha256", refused.Reason, StringComparison.Ordinal);
            Assert.Null(refused.Extractor);
            Assert.True(allowed.Status == PluginStatus.Active, allowed.Reason);
        }
        finally
        {
            allowed.Lifetime?.Dispose();
        }
    }

    [Fact]
    public void An_invalid_manifest_gives_a_handle_named_after_the_folder_with_the_errors()
    {
        var dir = Path.Combine(_plugins.Directory, "broken");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "plugin.json"), "{ \"id\": \"broken\", ");

        var handle = new PluginLoader(TestOptions.Plugins()).Load(dir);

        Assert.Equal(PluginStatus.Malfunctioned, handle.Status);
        Assert.Equal("broken", handle.Id);
        Assert.Null(handle.Manifest);
        Assert.Contains("plugin.json", handle.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_that_needs_another_sdk_is_not_supported()
    {
        var dir = _plugins.Add("future", new
        {
            id = "future", name = "future", version = "1.0.0", sdk = "^2.0", kind = "script", entry = "extractor.js",
            domains = new[] { "future.example" }, urlPatterns = new[] { "^https://future\\.example/$" },
        }, [(RepoPaths.Plugin("streamable") + "/extractor.js", "extractor.js")]);

        var handle = new PluginLoader(TestOptions.Plugins()).Load(dir);

        Assert.Equal(PluginStatus.NotSupported, handle.Status);
        Assert.Contains("^2.0", handle.Reason, StringComparison.Ordinal);
        Assert.Null(handle.Extractor);
    }

    public void Dispose() => _plugins.Dispose();
}
