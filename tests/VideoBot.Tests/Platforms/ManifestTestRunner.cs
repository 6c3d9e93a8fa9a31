using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Extraction;
using VideoBot.Host.Manifests;
using VideoBot.Host.Network;
using VideoBot.Host.Scripting;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;

namespace VideoBot.Tests.Platforms;

/// <summary>
/// Runs one of a manifest's fixture tests the way production runs a link: the router picks the plugin and captures the
/// pattern's groups, the real <see cref="ScriptExtractor"/> runs the script, and its requests go through the gateway's
/// plugin client (permission checks included) down to the recorded responses.
/// </summary>
internal static class ManifestTestRunner
{
    public sealed record Outcome(MediaPost? Post, ExtractionException? Error, IReadOnlyList<string> UnusedFixtures);

    public static Task<Outcome> RunAsync(string pluginId, int testIndex)
    {
        var test = PlatformPlugins.Manifest(pluginId).Tests[testIndex];
        return RunAsync(pluginId, test.Url, test.Fixtures, $"tests[{testIndex}].fixtures");
    }

    /// <summary>Routes <paramref name="url"/> and extracts it with the plugin, its requests answered from <paramref name="fixtures"/>.</summary>
    public static async Task<Outcome> RunAsync(string pluginId, string url, IReadOnlyDictionary<string, JsonElement> fixtures, string fixturesPath = "fixtures")
    {
        var handle = PlatformPlugins.Handle(pluginId);
        var manifest = handle.Manifest!;

        var route = PlatformPlugins.Router().Route(url);
        Assert.True(route.IsRouted, $"{url} is not routed: {route.Error}");
        var candidate = route.Candidates[0];
        Assert.Equal(pluginId, candidate.Plugin.Id);
        Assert.False(candidate.NeedsRedirectResolution, $"{url} needs a redirect resolved before extraction");

        using var replay = new FixtureReplayHandler(handle.Directory, fixtures, fixturesPath);
        using var gateway = new HttpGateway(Options.Create(new NetworkOptions()), NullLoggerFactory.Instance);
        using var http = gateway.ForPlugin(manifest, replay);
        var settings = ExtractionContext.EffectiveSettings(manifest, new PluginsOptions());
        var context = new ExtractionContext(pluginId, http, NullLogger.Instance, settings);
        var extractor = new ScriptExtractor(pluginId, Path.Combine(handle.Directory, manifest.Entry), ScriptLimits.From(manifest.Limits, new PluginsOptions()));
        var request = new ExtractionRequest(candidate.Url ?? route.Url!, url, candidate.Match);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var result = await extractor.ExtractAsync(request, context, timeout.Token);
            Assert.True(result.Post is not null, $"{pluginId} delegated {url} to yt-dlp instead of extracting it");
            return new Outcome(result.Post, null, replay.Unused);
        }
        catch (ExtractionException ex)
        {
            return new Outcome(null, ex, replay.Unused);
        }
    }

    /// <summary>Fixtures written as JSON text, for tests that need a response no manifest test records.</summary>
    public static Dictionary<string, JsonElement> Fixtures(params (string Url, string Json)[] fixtures) =>
        fixtures.ToDictionary(f => f.Url, f => JsonDocument.Parse(f.Json).RootElement.Clone());

    /// <summary>Every difference between the outcome and the test's <c>expect</c>, as readable lines.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, JsonElement> expect, Outcome outcome)
    {
        var differences = new List<string>();
        if (expect.TryGetValue("error", out var error))
        {
            var actual = outcome.Error?.Kind.ToString() ?? "success";
            if (actual != error.GetString())
            {
                differences.Add($"error: expected {error.GetString()}, got {actual} ({outcome.Error?.Message})");
            }

            return differences;
        }

        if (outcome.Post is not { } post)
        {
            return [$"expected a post, got {outcome.Error?.Kind}: {outcome.Error?.Message}"];
        }

        var first = post.Items[0];
        var best = first.Formats.OrderByDescending(f => (long)(f.Width ?? 0) * (f.Height ?? 0)).ThenByDescending(f => f.Height ?? 0).First();
        foreach (var (field, value) in expect)
        {
            string? actual = field switch
            {
                "id" => post.Id,
                "title" => post.Title,
                "uploader" => post.Uploader,
                "description" => post.Description,
                "duration" => (post.Duration ?? first.Duration)?.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                "thumbnail" => post.Thumbnail?.AbsoluteUri,
                "canonicalUrl" => post.CanonicalUrl?.AbsoluteUri,
                "itemCount" => post.Items.Count.ToString(CultureInfo.InvariantCulture),
                "kind" => first.Kind.ToString().ToLowerInvariant(),
                "width" => best.Width?.ToString(CultureInfo.InvariantCulture),
                "height" => best.Height?.ToString(CultureInfo.InvariantCulture),
                _ => $"(unsupported expectation {field})",
            };
            var wanted = value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : value.GetDouble().ToString(CultureInfo.InvariantCulture);
            if (field is "thumbnail" or "canonicalUrl")
            {
                wanted = new Uri(wanted!).AbsoluteUri;
            }

            if (!string.Equals(wanted, actual, StringComparison.Ordinal))
            {
                differences.Add($"{field}: expected {wanted ?? "(none)"}, got {actual ?? "(none)"}");
            }
        }

        return differences;
    }
}
