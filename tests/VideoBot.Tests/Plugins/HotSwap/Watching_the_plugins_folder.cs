using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using VideoBot.Host.Plugins;
using VideoBot.Host.Plugins.HotSwap;

namespace VideoBot.Tests.Plugins.HotSwap;

/// <summary>
/// The watcher end to end: files change on disk, the debounced watcher notices, validates and swaps. Every wait is on a
/// condition with a generous timeout; no test depends on how fast a swap is (benchmarks measure that).
/// </summary>
[Collection(VideoBot.Tests.Hostile.HeavyTests.Name)]
public sealed class Watching_the_plugins_folder : IAsyncLifetime
{
    private readonly TempPlugins _plugins = new();
    private SwapHost _host = null!;

    public async Task InitializeAsync()
    {
        ClipPlugin.Write(_plugins.Directory, "1.0.0");
        _host = await SwapHost.StartAsync(_plugins.Directory, watch: true);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _plugins.Dispose();
    }

    private string? ServingVersion(string id = "clips") => _host.Catalog.Find(id) is { IsServing: true } p ? p.Manifest?.Version : null;

    [Fact]
    public async Task A_steady_stream_of_requests_sees_no_failure_while_versions_are_swapped_under_it()
    {
        var titles = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<Exception>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    var outcome = await _host.Extraction.ExtractAsync(ClipPlugin.Url($"w{w}n{i}"), CancellationToken.None);
                    titles.Add(outcome.Post.Title!);
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            }
        })).ToList();

        async Task SeenAsync(string title, int more)
        {
            await SwapHost.WaitUntilAsync(() => titles.Contains(title) || !failures.IsEmpty, $"a request answered '{title}'");
            var target = titles.Count + more;
            await SwapHost.WaitUntilAsync(() => titles.Count >= target || !failures.IsEmpty, $"{more} more requests after '{title}'");
        }

        await SeenAsync("clips 1.0.0", 20);
        ClipPlugin.Write(_plugins.Directory, "2.0.0");
        await SeenAsync("clips 2.0.0", 20);
        ClipPlugin.Write(_plugins.Directory, "3.0.0");
        await SeenAsync("clips 3.0.0", 20);

        // A broken version dropped in the middle of the stream changes nothing for the requests.
        ClipPlugin.Write(_plugins.Directory, "4.0.0", script: "async function extract(request) { throw new Error('broken build'); }");
        await SwapHost.WaitUntilAsync(() => _host.Catalog.Find("clips")!.SwapRefusal is not null, "version 4.0.0 was refused");
        var afterRefusal = titles.Count + 20;
        await SwapHost.WaitUntilAsync(() => titles.Count >= afterRefusal || !failures.IsEmpty, "20 more requests after the refusal");

        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.Empty(failures);
        Assert.Equal(["clips 1.0.0", "clips 2.0.0", "clips 3.0.0"], titles.Distinct().Order());
        Assert.Equal("3.0.0", ServingVersion());
        Assert.StartsWith("version 4.0.0 was refused: 1 of 1 manifest tests failed", _host.Catalog.Find("clips")!.SwapRefusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_dropped_in_starts_serving_and_removing_it_stops_it()
    {
        // Prepared elsewhere and moved in, as the README advises: the watcher sees one complete folder appear.
        using var staging = new TempPlugins();
        ClipPlugin.Write(staging.Directory, "1.0.0", id: "fresh", folder: "fresh", script: ClipPlugin.Script("1.0.0"));
        Directory.Move(Path.Combine(staging.Directory, "fresh"), Path.Combine(_plugins.Directory, "fresh"));

        await SwapHost.WaitUntilAsync(() => ServingVersion("fresh") == "1.0.0", "the new folder serves");

        Directory.Delete(Path.Combine(_plugins.Directory, "fresh"), recursive: true);
        await SwapHost.WaitUntilAsync(() => _host.Catalog.Find("fresh") is null, "the removed folder's plugin is gone");
        Assert.Equal("1.0.0", ServingVersion());
    }

    [Fact]
    public async Task The_readme_procedure_stages_a_version_in_a_hidden_folder_that_is_never_loaded_then_moves_it_in()
    {
        var staging = ClipPlugin.Write(_plugins.Directory, "2.0.0", folder: ".clips.new");
        await _host.Swapper.SyncAsync(null, force: false, CancellationToken.None);
        Assert.DoesNotContain(_host.Catalog.Plugins, p => p.Directory == staging);
        Assert.Equal("1.0.0", ServingVersion());

        Directory.Delete(Path.Combine(_plugins.Directory, "clips"), recursive: true);
        Directory.Move(staging, Path.Combine(_plugins.Directory, "clips"));

        await SwapHost.WaitUntilAsync(() => ServingVersion() == "2.0.0", "clips 2.0.0 serves");
        Assert.Single(_host.Catalog.Plugins);
    }

    [Fact]
    public async Task Disabling_a_plugin_in_the_config_takes_effect_without_a_restart()
    {
        _host.Set("Plugins:Disabled:0", "clips");
        await SwapHost.WaitUntilAsync(() => _host.Catalog.Find("clips")!.Status == PluginStatus.Disabled, "clips is disabled");

        _host.Set("Plugins:Disabled:0", null);
        await SwapHost.WaitUntilAsync(() => ServingVersion() == "1.0.0", "clips serves again");
        Assert.Contains(_host.DrainNotices(), n => n.Kind == PluginNoticeKind.Disabled && n.PluginId == "clips");
    }

    [Fact]
    public async Task A_swapped_assembly_plugin_has_its_old_load_context_collected()
    {
        var manifest = Path.Combine(_plugins.AddTestAssembly("echo", "EchoExtractor", "echo.example"), "plugin.json");
        await SwapHost.WaitUntilAsync(() => ServingVersion("echo") == "1.0.0", "the echo plugin serves");
        var oldContext = await ExtractAndWatchAsync();

        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"version\":\"1.0.0\"", "\"version\":\"2.0.0\"", StringComparison.Ordinal));
        await SwapHost.WaitUntilAsync(() => ServingVersion("echo") == "2.0.0", "echo 2.0.0 serves");
        Assert.Equal("echo from echo", await TitleAsync());

        for (var round = 0; round < 20 && oldContext.IsAlive; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(50);
        }

        Assert.False(oldContext.IsAlive, "the superseded version's AssemblyLoadContext is still referenced after the swap");
    }

    /// <summary>Kept out of line so no local of the test holds the old version's objects.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<WeakReference> ExtractAndWatchAsync()
    {
        Assert.Equal("echo from echo", await TitleAsync());
        return WeakContext(_host.Catalog.Find("echo")!);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference WeakContext(PluginHandle handle)
    {
        var context = AssemblyLoadContext.GetLoadContext(handle.Extractor!.GetType().Assembly);
        Assert.True(context is { IsCollectible: true });
        return new WeakReference(context);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<string?> TitleAsync() =>
        (await _host.Extraction.ExtractAsync("https://echo.example/1", CancellationToken.None)).Post.Title;
}
