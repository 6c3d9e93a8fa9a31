using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Extraction;
using VideoBot.Host.Hosting;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Plugins;

namespace VideoBot.Tests.Extraction;

/// <summary>
/// The extraction service walks the router's candidates, highest priority first: a plugin that reports the site changed, or
/// that crashes, hands over to the next; any other failure is the site's answer and ends the walk; when every plugin is broken,
/// yt-dlp's site extractors get the last word, and failing that the first plugin's failure is the one answer.
/// Real script plugins in a temporary folder, loaded by the real catalog and run by the real sandbox.
/// </summary>
public sealed class Falling_back_along_the_chain : IDisposable
{
    private const string Good = """
        async function extract(request) {
          return { id: request.match.id, title: "From the good plugin",
                   items: [{ kind: "video", formats: [{ url: "https://media.chain.example/" + request.match.id + ".mp4", container: "mp4" }] }] };
        }
        """;

    private const string SiteChanged = """async function extract(request) { fail("SiteChanged", "the page lost its player"); }""";
    private const string Crashing = """async function extract(request) { const player = null; return player.config; }""";
    private const string NotFound = """async function extract(request) { fail("NotFound", "no post " + request.match.id); }""";

    private readonly TempPlugins _plugins = new();

    // Several plugins on one domain is the operator's choice: each is ranked in Plugins:Priority (see PluginClaims).
    private readonly Dictionary<string, string?> _ranking = [];

    public void Dispose() => _plugins.Dispose();

    [Fact]
    public async Task A_plugin_that_reports_the_site_changed_hands_over_to_the_next()
    {
        AddPlugin("first", 30, SiteChanged);
        AddPlugin("second", 10, Good);

        var outcome = await ExtractAsync("https://chain.example/abc123");

        Assert.Equal("second", outcome.Plugin.Id);
        Assert.Equal("From the good plugin", outcome.Post.Title);
    }

    [Fact]
    public async Task A_plugin_that_crashes_hands_over_to_the_next()
    {
        AddPlugin("first", 30, Crashing);
        AddPlugin("second", 10, Good);

        var outcome = await ExtractAsync("https://chain.example/abc123");

        Assert.Equal("second", outcome.Plugin.Id);
    }

    [Fact]
    public async Task A_not_found_answer_ends_the_chain_without_asking_the_next_plugin()
    {
        AddPlugin("first", 30, NotFound);
        AddPlugin("second", 10, Good);

        var failure = await Assert.ThrowsAsync<ExtractionException>(() => ExtractAsync("https://chain.example/abc123"));

        Assert.Equal(ExtractionErrorKind.NotFound, failure.Kind);
        Assert.Contains("no post abc123", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_every_plugin_is_broken_the_first_failure_is_the_one_answer()
    {
        // yt-dlp is asked last; it knows no site on chain.example, so the first plugin's reason is kept.
        AddPlugin("first", 30, SiteChanged);
        AddPlugin("second", 10, Crashing);

        var failure = await Assert.ThrowsAsync<ExtractionException>(() => ExtractAsync("https://chain.example/abc123"));

        Assert.Equal(ExtractionErrorKind.SiteChanged, failure.Kind);
        Assert.Contains("the page lost its player", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_plugin_is_skipped_in_the_chain()
    {
        AddPlugin("first", 30, NotFound);
        AddPlugin("second", 10, Good);

        var outcome = await ExtractAsync("https://chain.example/abc123", ("Plugins:Disabled:0", "first"));

        Assert.Equal("second", outcome.Plugin.Id);
    }

    private async Task<ExtractionOutcome> ExtractAsync(string url, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plugins:Directory"] = _plugins.Directory,
            ["Plugins:Watch"] = "false",
            ["Storage:Directory"] = Path.Combine(_plugins.Directory, "data"),
            ["YtDlp:EnableGeneric"] = "false",
        }.Concat(_ranking).Concat(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddVideoBotCore(configuration);
        await using var provider = services.BuildServiceProvider();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await provider.GetRequiredService<LinkExtraction>().ExtractAsync(url, timeout.Token);
    }

    private void AddPlugin(string id, int priority, string script)
    {
        _ranking[$"Plugins:Priority:{id}"] = priority.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var folder = _plugins.Add(id, new
        {
            id,
            name = id,
            version = "1.0.0",
            sdk = "^1.0",
            kind = "script",
            entry = "extractor.js",
            domains = new[] { "chain.example" },
            urlPatterns = new[] { "^https://chain\\.example/(?<id>[a-z0-9]+)$" },
            priority,
            permissions = new { network = new[] { "media.chain.example" } },
        });
        File.WriteAllText(Path.Combine(folder, "extractor.js"), script);
    }
}
