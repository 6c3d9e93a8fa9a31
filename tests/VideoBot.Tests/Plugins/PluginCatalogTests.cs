using Microsoft.Extensions.Logging.Abstractions;
using VideoBot.Host.Configuration;
using VideoBot.Host.Plugins;

namespace VideoBot.Tests.Plugins;

public sealed class PluginCatalogTests : IDisposable
{
    private readonly TempPlugins _plugins = new();

    private PluginCatalog Catalog(Action<PluginsOptions>? configure = null) =>
        new(_plugins.Directory, new FixedOptions<PluginsOptions>(TestOptions.Plugins(configure)), NullLogger<PluginCatalog>.Instance);

    [Fact]
    public void Every_folder_with_a_manifest_is_listed_and_folders_without_one_are_ignored()
    {
        _plugins.AddScript("beta", "beta.example");
        _plugins.AddScript("alpha", "alpha.example");
        Directory.CreateDirectory(Path.Combine(_plugins.Directory, "src"));

        using var catalog = Catalog();

        Assert.Equal(["alpha", "beta"], catalog.Plugins.Select(p => p.Id));
        Assert.All(catalog.Plugins, p => Assert.Equal(PluginStatus.Active, p.Status));
        Assert.Same(catalog.Plugins[1], catalog.Find("beta"));
        Assert.Null(catalog.Find("src"));
    }

    [Fact]
    public void A_plugin_whose_constructor_throws_or_hangs_does_not_stop_the_others()
    {
        _plugins.AddTestAssembly("a-thrower", "ThrowingExtractor", "thrower.example");
        _plugins.AddTestAssembly("b-hanger", "HangingExtractor", "hanger.example");
        _plugins.AddTestAssembly("c-echo", "EchoExtractor", "echo.example");
        _plugins.AddScript("d-script", "script.example");

        using var catalog = Catalog(o => o.AssemblyLoadTimeoutMs = 300);

        Assert.Equal(PluginStatus.Malfunctioned, catalog.Find("a-thrower")!.Status);
        Assert.Equal(PluginStatus.Malfunctioned, catalog.Find("b-hanger")!.Status);
        Assert.Equal(PluginStatus.Active, catalog.Find("c-echo")!.Status);
        Assert.Equal(PluginStatus.Active, catalog.Find("d-script")!.Status);
    }

    [Fact]
    public void A_folder_not_named_after_its_manifests_id_is_refused_and_cannot_displace_the_plugin_of_that_id()
    {
        // "0-clips" sorts before "clips": by folder order alone it would be the one serving the id.
        _plugins.AddScript("clips", "clips.example", folder: "0-clips");
        _plugins.AddScript("clips", "clips.example");

        using var catalog = Catalog();

        Assert.Equal(2, catalog.Plugins.Count);
        Assert.Equal(PluginStatus.Malfunctioned, catalog.Plugins[0].Status);
        Assert.Equal("the folder's name '0-clips' must equal the manifest's id 'clips'", catalog.Plugins[0].Reason);
        Assert.Equal(PluginStatus.Active, catalog.Plugins[1].Status);
        Assert.Same(catalog.Plugins[1], catalog.Find("clips"));
    }

    [Fact]
    public void Operator_overrides_disable_plugins_and_change_priorities()
    {
        _plugins.AddScript("quiet", "quiet.example", priority: 5);
        _plugins.AddScript("loud", "loud.example", priority: 5);
        _plugins.AddTestAssembly("never-loaded", "ThrowingExtractor");

        using var catalog = Catalog(o =>
        {
            o.Disabled = ["quiet", "never-loaded"];
            o.Priority = new() { ["loud"] = 50 };
        });

        Assert.Equal(PluginStatus.Disabled, catalog.Find("quiet")!.Status);
        Assert.Null(catalog.Find("quiet")!.Extractor);
        Assert.Equal(5, catalog.Find("quiet")!.EffectivePriority);
        Assert.Equal(50, catalog.Find("loud")!.EffectivePriority);
        // Disabled means not even constructed: the throwing constructor never ran.
        Assert.Equal(PluginStatus.Disabled, catalog.Find("never-loaded")!.Status);
    }

    [Fact]
    public async Task A_reload_publishes_a_new_snapshot_and_hands_back_the_old_one()
    {
        _plugins.AddScript("first", "first.example");
        using var catalog = Catalog();
        await catalog.LoadAsync();
        var before = catalog.Plugins;

        _plugins.AddScript("second", "second.example");
        var replaced = catalog.Reload();

        Assert.Same(before, replaced);
        Assert.Equal(["first"], before.Select(p => p.Id));
        Assert.Equal(["first", "second"], catalog.Plugins.Select(p => p.Id));
        Assert.NotSame(before[0], catalog.Find("first"));
    }

    [Fact]
    public void A_missing_plugins_folder_means_no_plugins_not_a_crash()
    {
        using var catalog = new PluginCatalog(Path.Combine(_plugins.Directory, "nowhere"),
            new FixedOptions<PluginsOptions>(new PluginsOptions()), NullLogger<PluginCatalog>.Instance);

        Assert.Empty(catalog.Plugins);
    }

    [Fact]
    public void The_repository_plugins_folder_loads_vimeo_as_an_active_assembly_plugin()
    {
        using var catalog = new PluginCatalog(Path.Combine(RepoPaths.Root, "plugins"),
            new FixedOptions<PluginsOptions>(new PluginsOptions()), NullLogger<PluginCatalog>.Instance);

        var vimeo = catalog.Find("vimeo");

        Assert.NotNull(vimeo);
        Assert.True(vimeo.Status == PluginStatus.Active, vimeo.Reason);
        Assert.Equal(VideoBot.Host.Manifests.PluginKind.Assembly, vimeo.Manifest!.Kind);
    }

    public void Dispose() => _plugins.Dispose();
}
