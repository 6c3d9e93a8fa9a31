using System.Text.Json;
using System.Text.Json.Nodes;
using VideoBot.Tests.Cli;

namespace VideoBot.Tests.Plugins.Probes;

/// <summary>
/// Three plugins running the repository's streamable extractor unchanged, each with probes of its own, against a replay of
/// Streamable's API and CDN on loopback (reached through <c>Network:OriginOverrides</c>, as the real sites would be):
/// <list type="bullet">
/// <item><c>streamable</c> ("Streamable"): a ready video, answered with the API's recorded structure: passes;</item>
/// <item><c>clips-changed</c> ("Changed Clips"): a video whose API answer has a new structure (SiteChanged), and the ready
/// video asked to last a minute (Mismatch);</item>
/// <item><c>clips-gone</c> ("Gone Clips"): a video the API no longer has (NotFound).</item>
/// </list>
/// </summary>
internal sealed class ProbedSites : IAsyncDisposable
{
    private const string Api = "https://api.streamable.com";
    private const string Cdn = "https://cdn-cf-east.streamable.com";

    private readonly Dictionary<string, int> _priorities = [];

    private ProbedSites(string root, PlatformReplaySite site)
    {
        Root = root;
        Site = site;
    }

    private string Root { get; }

    /// <summary>The plugins folder.</summary>
    public string Directory => Path.Combine(Root, "plugins");

    public PlatformReplaySite Site { get; }

    /// <summary>Streamable's API and CDN origins, sent to the replay.</summary>
    public IReadOnlyDictionary<string, string> OriginOverrides => new Dictionary<string, string> { [Api] = Site.Target, [Cdn] = Site.Target };

    /// <summary>
    /// The operator's settings the three plugins need: all of them claim streamable.com, which only explicit priorities
    /// (<c>Plugins:Priority:&lt;id&gt;</c>) let them share, as an operator would have to allow it.
    /// </summary>
    public IReadOnlyDictionary<string, string> OperatorSettings => _priorities.ToDictionary(
        p => "Plugins:Priority:" + p.Key, p => p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static async Task<ProbedSites> StartAsync()
    {
        var source = RepoPaths.Plugin("streamable");
        var fixtures = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(new JsonObject
        {
            [$"{Api}/videos/moo"] = "fixtures/video-moo.json",
            [$"{Api}/videos/gone"] = new JsonObject { ["status"] = 404, ["contentType"] = "text/plain", ["body"] = "Video not found" },
            // The same video after a redesign: its files moved under another name.
            [$"{Api}/videos/redesign"] = new JsonObject
            {
                ["json"] = new JsonObject { ["status"] = 2, ["title"] = "Redesigned", ["renditions"] = new JsonArray(new JsonObject { ["src"] = "//cdn-cf-east.streamable.com/video/mp4/redesign.mp4" }) },
            },
        }.ToJsonString())!;
        var site = await PlatformReplaySite.StartAsync(source, fixtures);
        var sites = new ProbedSites(Path.Combine(Path.GetTempPath(), "videobot-probes-" + Guid.NewGuid().ToString("N")), site);
        sites.Write(source, "streamable", "Streamable", 10, Probe("a ready video", "https://streamable.com/moo", 10));
        sites.Write(source, "clips-changed", "Changed Clips", 0,
            Probe("a redesigned answer", "https://streamable.com/redesign", null),
            Probe("a ready video a minute long", "https://streamable.com/moo", 60));
        sites.Write(source, "clips-gone", "Gone Clips", 0, Probe("a deleted video", "https://streamable.com/gone", null));
        return sites;
    }

    /// <summary>
    /// The manifest's own settings with another id, name, priority and probes, and version 1.0.0 whatever the repository's
    /// plugin is at; the extractor file unchanged; no tests.
    /// </summary>
    private void Write(string source, string id, string name, int priority, params JsonObject[] probes)
    {
        _priorities[id] = priority;
        var target = Path.Combine(Directory, id);
        System.IO.Directory.CreateDirectory(target);
        File.Copy(Path.Combine(source, "extractor.js"), Path.Combine(target, "extractor.js"));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(source, "plugin.json")))!.AsObject();
        manifest.Remove("$schema");
        manifest.Remove("tests");
        manifest["id"] = id;
        manifest["name"] = name;
        manifest["version"] = "1.0.0";
        manifest["priority"] = priority;
        manifest["probes"] = new JsonArray([.. probes]);
        File.WriteAllText(Path.Combine(target, "plugin.json"), manifest.ToJsonString());
    }

    private static JsonObject Probe(string name, string url, double? minDuration)
    {
        var probe = new JsonObject { ["name"] = name, ["url"] = url, ["kind"] = "video" };
        if (minDuration is { } seconds)
        {
            probe["minDuration"] = seconds;
        }

        return probe;
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }
}
