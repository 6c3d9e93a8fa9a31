using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using VideoBot.Host.Plugins;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Tests.Plugins;

public sealed class PluginUnloadTests
{
    [Fact]
    public void An_assembly_plugin_that_extracted_and_was_disposed_has_its_load_context_collected()
    {
        var context = LoadExtractAndDispose(out var title);

        for (var round = 0; round < 10 && context.IsAlive; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.Equal("The New Vimeo Player (You Know, For Videos)", title);
        Assert.False(context.IsAlive, "the plugin's AssemblyLoadContext is still referenced after unloading");
    }

    [Fact]
    public void A_plugin_still_referenced_keeps_its_load_context_alive()
    {
        // The control for the test above: the same rounds of collection do not free a context that is still in use.
        var handle = new PluginLoader(TestOptions.Plugins()).Load(RepoPaths.Plugin("vimeo"));
        var context = WeakContextOf(handle);
        handle.Lifetime!.Dispose();

        for (var round = 0; round < 3; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.True(context.IsAlive);
        GC.KeepAlive(handle.Extractor);
    }

    [Fact]
    public void A_swapped_out_version_stays_loaded_while_a_job_holds_it_and_is_collected_once_the_job_ends()
    {
        using var plugins = new TempPlugins();
        var folder = plugins.AddTestAssembly("echo", "EchoExtractor", "echo.example");
        using var catalog = new PluginCatalog(plugins.Directory,
            new FixedOptions<VideoBot.Host.Configuration.PluginsOptions>(TestOptions.Plugins()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<PluginCatalog>.Instance);
        var (context, lease) = LeaseCurrent(catalog);

        SwapIn(catalog, folder);
        Collect(3, context);
        Assert.True(context.IsAlive, "the old version was unloaded under a running job");

        lease.Dispose();
        Collect(10, context);
        Assert.False(context.IsAlive, "the old version's AssemblyLoadContext is still referenced after its last job ended");
        Assert.Equal(PluginStatus.Active, catalog.Find("echo")!.Status);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Context, PluginLease Lease) LeaseCurrent(PluginCatalog catalog)
    {
        var handle = catalog.Find("echo")!;
        Assert.True(handle.Status == PluginStatus.Active, handle.Reason);
        return (WeakContextOf(handle), handle.TryLease()!);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SwapIn(PluginCatalog catalog, string folder)
    {
        var old = catalog.Publish(folder, catalog.LoadCandidate(folder))!;
        Assert.True(old.IsRetired && !old.IsReleased);
    }

    private static void Collect(int rounds, WeakReference context)
    {
        for (var round = 0; round < rounds && context.IsAlive; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    /// <summary>Kept out of line so no local of the test method holds the plugin's objects.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadExtractAndDispose(out string? title)
    {
        var handle = new PluginLoader(TestOptions.Plugins()).Load(RepoPaths.Plugin("vimeo"));
        Assert.True(handle.Status == PluginStatus.Active, handle.Reason);
        var context = WeakContextOf(handle);

        // The player page carries the config itself (window.playerConfig): one answer is the whole extraction.
        using (var http = new HttpClient(new FileFixtureHandler(
            "https://player.vimeo.com/video/76979871", Path.Combine(RepoPaths.Plugin("vimeo"), "fixtures", "player-76979871.html"))))
        {
            var request = new ExtractionRequest(new Uri("https://player.vimeo.com/video/76979871"), "https://player.vimeo.com/video/76979871",
                new Dictionary<string, string> { ["id"] = "76979871" });
            var result = handle.Extractor!.ExtractAsync(request, new TestExtractionContext("vimeo", http), CancellationToken.None)
                .GetAwaiter().GetResult();
            title = result.Post?.Title;
        }

        handle.Lifetime!.Dispose();
        return context;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference WeakContextOf(PluginHandle handle) =>
        new(AssemblyLoadContext.GetLoadContext(handle.Extractor!.GetType().Assembly));
}

/// <summary>Answers one URL with a file and every other URL with 404, without a socket.</summary>
internal sealed class FileFixtureHandler(string url, string file) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = request.RequestUri?.AbsoluteUri == url
            ? new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(File.ReadAllText(file), System.Text.Encoding.UTF8, file.EndsWith(".html", StringComparison.Ordinal) ? "text/html" : "application/json") }
            : new HttpResponseMessage(System.Net.HttpStatusCode.NotFound);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}
