using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VideoBot.Host.Extraction;
using VideoBot.Host.Network;
using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.PluginTesting;

/// <summary>
/// Runs a plugin's manifest tests offline: each test URL is routed to the plugin alone, and the plugin runs exactly as in
/// production except that its HTTP requests are answered from the test's recorded fixtures.
/// </summary>
internal sealed class PluginTestRunner(PluginInvoker invoker, ILoggerFactory loggerFactory)
{
    public async Task<IReadOnlyList<PluginTestResult>> RunAsync(PluginHandle plugin, CancellationToken cancellationToken)
    {
        var manifest = plugin.Manifest ?? throw new ArgumentException("the plugin has no manifest", nameof(plugin));
        var router = new Router(new SinglePluginCatalog(plugin), loggerFactory.CreateLogger<Router>());
        var results = new List<PluginTestResult>();
        for (var i = 0; i < manifest.Tests.Count; i++)
        {
            results.Add(await RunOneAsync(plugin, router, i, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private async Task<PluginTestResult> RunOneAsync(PluginHandle plugin, Router router, int index, CancellationToken cancellationToken)
    {
        var test = plugin.Manifest!.Tests[index];
        var name = test.Name ?? test.Url;
        var route = router.Route(test.Url);
        if (route.Candidates.Count == 0)
        {
            var why = route.Error ?? $"normalized to {route.Url}, which no urlPattern of '{plugin.Id}' matches";
            return new PluginTestResult(name, [$"the test URL does not route to this plugin: {why}"], TimeSpan.Zero);
        }

        var clock = Stopwatch.StartNew();
        ExtractionResult? result = null;
        ExtractionException? error = null;
        try
        {
            using var replay = FixtureReplayHandler.ForTest(plugin.Directory, test, index);
            result = await invoker.InvokeAsync(plugin, route.Candidates[0], test.Url, replay, cancellationToken).ConfigureAwait(false);
        }
        catch (ExtractionException ex)
        {
            error = ex;
        }

        return new PluginTestResult(name, ExpectationChecker.Check(test.Expect, result, error), clock.Elapsed);
    }
}
