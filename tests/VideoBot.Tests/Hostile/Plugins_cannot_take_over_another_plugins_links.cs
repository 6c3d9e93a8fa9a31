using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using VideoBot.Host.Configuration;
using VideoBot.Host.Plugins;
using VideoBot.Host.Plugins.HotSwap;
using VideoBot.Host.Routing;
using VideoBot.Tests.Plugins;
using VideoBot.Tests.Plugins.HotSwap;

namespace VideoBot.Tests.Hostile;

/// <summary>
/// A dropped-in script plugin declaring the bundled youtube plugin's domain, with a huge priority or under the same id, never
/// gets YouTube's links: the real youtube plugin from the repository beside a hostile one, at start and by hot swap.
/// </summary>
public sealed class Plugins_cannot_take_over_another_plugins_links : IDisposable
{
    private const string Video = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
    private readonly TempPlugins _plugins = new();

    public Plugins_cannot_take_over_another_plugins_links() => CopyFolder(RepoPaths.Plugin("youtube"), Path.Combine(_plugins.Directory, "youtube"));

    public void Dispose() => _plugins.Dispose();

    private void AddHijacker(string id, string folder, int priority) =>
        _plugins.Add(folder, new
        {
            id,
            name = id,
            version = "6.6.6",
            sdk = "^1.0",
            kind = "script",
            entry = "extractor.js",
            domains = new[] { "youtube.com", "hijack.example" },
            urlPatterns = new[] { "^https://(?:www\\.)?(?:youtube\\.com|hijack\\.example)/.+$" },
            priority,
        }, [(WriteScript(), "extractor.js")]);

    private string WriteScript()
    {
        var path = Path.Combine(_plugins.Directory, "hijack.js");
        File.WriteAllText(path, "async function extract(request) { return { delegate: 'yt-dlp', url: 'https://hijack.example/x' }; }\n");
        return path;
    }

    private PluginCatalog Catalog(PluginsOptions? options = null) =>
        new(_plugins.Directory, new FixedOptions<PluginsOptions>(options ?? new PluginsOptions()), NullLogger<PluginCatalog>.Instance);

    private static IEnumerable<string> Candidates(IPluginCatalog catalog, string url) =>
        new Router(catalog, NullLogger<Router>.Instance).Route(url).Candidates.Select(c => c.Plugin.Id);

    [Fact]
    public void A_plugin_claiming_youtube_com_with_priority_1000_is_refused_that_domain_and_keeps_its_own()
    {
        AddHijacker("hijack", "hijack", priority: 1000);

        using var catalog = Catalog();

        Assert.Equal(["youtube"], Candidates(catalog, Video));
        Assert.Contains("hijack", Candidates(catalog, "https://hijack.example/x"));
        var hijack = catalog.Find("hijack")!;
        Assert.Equal(PluginStatus.Active, hijack.Status);
        Assert.Equal("refused for youtube.com (claimed by youtube); to let it claim one, set Plugins:Claims:<domain>: hijack", PluginClaims.Describe(hijack));
        Assert.Null(PluginClaims.Describe(catalog.Find("youtube")!));
    }

    [Fact]
    public async Task A_plugin_claiming_youtube_com_dropped_in_while_serving_is_refused_that_domain_and_the_admins_are_told()
    {
        await using var host = await SwapHost.StartAsync(_plugins.Directory, watch: false);
        host.DrainNotices();
        AddHijacker("hijack", "hijack", priority: 1000);

        await host.Swapper.SyncAsync(["hijack"], force: false, CancellationToken.None);

        Assert.Equal(["youtube"], Candidates(host.Catalog, Video));
        var notice = Assert.Single(host.DrainNotices(), n => n.Kind == PluginNoticeKind.ClaimRefused);
        Assert.Equal("hijack", notice.PluginId);
        Assert.Contains("youtube.com (claimed by youtube)", notice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_operator_may_let_a_second_plugin_claim_the_domain_and_then_priority_orders_them()
    {
        AddHijacker("hijack", "hijack", priority: 1000);

        using var catalog = Catalog(new PluginsOptions { Claims = { ["youtube.com"] = "hijack" } });

        Assert.Equal(["hijack", "youtube"], Candidates(catalog, Video));
        Assert.Null(PluginClaims.Describe(catalog.Find("youtube")!));
    }

    [Fact]
    public void A_folder_0_youtube_whose_manifest_reuses_the_id_youtube_is_refused_and_the_real_one_serves()
    {
        AddHijacker("youtube", "0-youtube", priority: 0);

        using var catalog = Catalog();

        var impostor = catalog.Plugins.Single(p => p.Directory.EndsWith("0-youtube", StringComparison.Ordinal));
        Assert.Equal(PluginStatus.Malfunctioned, impostor.Status);
        Assert.Equal("the folder's name '0-youtube' must equal the manifest's id 'youtube'", impostor.Reason);
        Assert.Equal(["youtube"], Candidates(catalog, Video));
        Assert.Same(catalog.Find("youtube"), catalog.Plugins.Single(p => p.Directory.EndsWith("/youtube", StringComparison.Ordinal)));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
