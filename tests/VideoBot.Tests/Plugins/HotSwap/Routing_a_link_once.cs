using VideoBot.Host.Extraction;
using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Tests.Plugins.HotSwap;

/// <summary>
/// The extraction runs on the route its caller found (the job runner, the CLI): the link is not routed a second time,
/// unless a hot swap retired the version it was routed to.
/// </summary>
public sealed class Routing_a_link_once : IAsyncLifetime
{
    private readonly TempPlugins _plugins = new();
    private SwapHost _host = null!;

    public async Task InitializeAsync()
    {
        ClipPlugin.Write(_plugins.Directory, "1.0.0");
        _host = await SwapHost.StartAsync(_plugins.Directory, watch: false);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _plugins.Dispose();
    }

    private RouteResult Route(string link) => _host.Get<VideoBot.Host.Routing.IRouter>().Route(link);

    private Task<ExtractionOutcome> ExtractAsync(RouteResult route) =>
        _host.Get<IExtractionService>().ExtractAsync(route, Platform.Of(route), CancellationToken.None);

    [Fact]
    public async Task An_extraction_runs_on_the_route_it_is_given_without_routing_the_link_again()
    {
        var route = Route(ClipPlugin.Url("abc"));

        // Routing this input again would fail as an unusable link: the answer shows the given route was used as it is.
        var outcome = await ExtractAsync(route with { Input = "not a link" });

        Assert.Equal("clips 1.0.0", outcome.Post.Title);
        Assert.Same(route.Candidates[0].Plugin, outcome.Plugin);
    }

    [Fact]
    public async Task A_route_to_a_version_retired_before_the_extraction_ran_is_routed_again_to_the_version_now_serving()
    {
        var route = Route(ClipPlugin.Url("abc"));
        var old = route.Candidates[0].Plugin;

        ClipPlugin.Write(_plugins.Directory, "2.0.0");
        await _host.Swapper.SyncAsync(["clips"], force: false, CancellationToken.None);
        Assert.True(old.IsRetired);

        var outcome = await ExtractAsync(route);

        Assert.Equal("clips 2.0.0", outcome.Post.Title);
        Assert.Equal("2.0.0", outcome.Plugin.Manifest!.Version);
    }

    [Fact]
    public async Task A_raw_link_from_the_command_line_is_refused_as_unsupported_when_no_plugin_claims_it()
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() =>
            _host.Get<LinkExtraction>().ExtractAsync("https://unclaimed.example/x", CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.UnsupportedUrl, failure.Kind);
        Assert.Contains("no plugin claims unclaimed.example", failure.Message);
    }
}
