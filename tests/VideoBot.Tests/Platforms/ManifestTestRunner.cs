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
using VideoBot.Host.PluginTesting;

namespace VideoBot.Tests.Platforms;

/// <summary>
/// Runs one of a manifest's fixture tests the way production runs a link: the router picks the plugin and captures the
/// pattern's groups, the real <see cref="ScriptExtractor"/> runs the script, and its requests go through the gateway's
/// plugin client (permission checks included) down to the recorded responses.
/// </summary>
internal static class ManifestTestRunner
{
    /// <summary>What came out: a post, a hand-over to yt-dlp, or an error; and the fixtures no request asked for.</summary>
    public sealed record Outcome(MediaPost? Post, ExtractionException? Error, IReadOnlyList<string> UnusedFixtures, YtDlpRequest? Delegation = null);

    /// <summary>One request the script sent, as the site would have received it.</summary>
    public sealed record SentRequest(HttpMethod Method, Uri Url, IReadOnlyDictionary<string, string> Headers, string? Body);

    public static Task<Outcome> RunAsync(string pluginId, int testIndex, IReadOnlyDictionary<string, string>? settings = null, List<SentRequest>? sent = null)
    {
        var test = PlatformPlugins.Manifest(pluginId).Tests[testIndex];
        return RunAsync(pluginId, test.Url, test.Fixtures, $"tests[{testIndex}].fixtures", settings, sent);
    }

    /// <summary>The index of the manifest test named <paramref name="name"/>, so a test survives reordering.</summary>
    public static int TestNamed(string pluginId, string name)
    {
        var tests = PlatformPlugins.Manifest(pluginId).Tests;
        for (var i = 0; i < tests.Count; i++)
        {
            if (tests[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"{pluginId} has no manifest test named \"{name}\"", nameof(name));
    }

    /// <summary>Routes <paramref name="url"/> and extracts it with the plugin, its requests answered from <paramref name="fixtures"/>.</summary>
    /// <param name="settings">Operator overrides of the plugin's settings (<c>Plugins:Settings:&lt;id&gt;</c>).</param>
    /// <param name="sent">Receives every request the script sent, in order, below the gateway's rules.</param>
    public static async Task<Outcome> RunAsync(
        string pluginId,
        string url,
        IReadOnlyDictionary<string, JsonElement> fixtures,
        string fixturesPath = "fixtures",
        IReadOnlyDictionary<string, string>? settings = null,
        List<SentRequest>? sent = null)
    {
        var handle = PlatformPlugins.Handle(pluginId);
        var manifest = handle.Manifest!;

        var route = PlatformPlugins.RouterFor(pluginId).Route(url);
        Assert.True(route.IsRouted, $"{url} is not routed: {route.Error}");
        var candidate = route.Candidates[0];
        Assert.Equal(pluginId, candidate.Plugin.Id);
        Assert.False(candidate.NeedsRedirectResolution, $"{url} needs a redirect resolved before extraction");

        using var replay = new FixtureReplayHandler(handle.Directory, fixtures, fixturesPath);
        using var recorder = new RecordingHandler(sent ?? []) { InnerHandler = replay };
        using var gateway = new HttpGateway(Options.Create(new NetworkOptions()), NullLoggerFactory.Instance);
        using var http = gateway.ForPlugin(manifest, recorder);
        var options = new PluginsOptions();
        if (settings is not null)
        {
            options.Settings[pluginId] = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        }

        var context = new ExtractionContext(pluginId, http, NullLogger.Instance, ExtractionContext.EffectiveSettings(manifest, options));
        var extractor = new ScriptExtractor(pluginId, Path.Combine(handle.Directory, manifest.Entry), ScriptLimits.From(manifest.Limits, new PluginsOptions()));
        var request = new ExtractionRequest(candidate.Url ?? route.Url!, url, candidate.Match);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var result = await extractor.ExtractAsync(request, context, timeout.Token);
            return new Outcome(result.Post, null, replay.Unused, result.YtDlp);
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

        if (expect.TryGetValue("delegate", out var delegated))
        {
            var handed = outcome.Delegation?.Url.AbsoluteUri;
            if (handed != new Uri(delegated.GetString()!).AbsoluteUri)
            {
                differences.Add($"delegate: expected {delegated.GetString()}, got {handed ?? DescribeNonDelegation(outcome)}");
            }

            return differences;
        }

        if (outcome.Post is not { } post)
        {
            return outcome.Delegation is { } delegation
                ? [$"expected a post, but the plugin handed {delegation.Url} to yt-dlp"]
                : [$"expected a post, got {outcome.Error?.Kind}: {outcome.Error?.Message}"];
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

    private static string DescribeNonDelegation(Outcome outcome) =>
        outcome.Post is not null ? "a post" : $"{outcome.Error?.Kind}: {outcome.Error?.Message}";

    /// <summary>Notes each request (method, URL, headers, body) before the recorded answer is looked up.</summary>
    private sealed class RecordingHandler(List<SentRequest> sent) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
            {
                headers[name] = string.Join(", ", values);
            }

            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (sent)
            {
                sent.Add(new SentRequest(request.Method, request.RequestUri!, headers, body));
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
