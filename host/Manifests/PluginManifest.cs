using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoBot.Host.Manifests;

/// <summary>A plugin's <c>plugin.json</c>, after schema validation. Mirrors <c>plugin-manifest.schema.json</c>.</summary>
internal sealed record PluginManifest
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    /// <summary>The SDK range the plugin works with, npm style (<c>^1.0</c>).</summary>
    public required string Sdk { get; init; }
    public required PluginKind Kind { get; init; }
    /// <summary>Path of the script or assembly, relative to the plugin folder.</summary>
    public required string Entry { get; init; }
    /// <summary>Assembly plugins: the full name of the <c>IExtractor</c> type, when the assembly has several.</summary>
    public string? Type { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Domains { get; init; } = [];
    public IReadOnlyList<string> UrlPatterns { get; init; } = [];
    /// <summary>Higher runs first among plugins that match the same URL.</summary>
    public int Priority { get; init; }
    public NormalizeSection Normalize { get; init; } = new();
    /// <summary>Short-link hosts (<c>youtu.be</c>) resolved by following redirects; the target must match one of <see cref="Domains"/>.</summary>
    public IReadOnlyList<string> ShortLinks { get; init; } = [];
    /// <summary>
    /// Anchored URL patterns for share links on the plugin's own hosts (<c>facebook.com/share/v/…</c>) that the host
    /// resolves by following redirects before extraction; the target must match one of <see cref="Domains"/>.
    /// </summary>
    public IReadOnlyList<string> ResolveRedirects { get; init; } = [];
    /// <summary>How the host resolves this plugin's short and share links.</summary>
    public ResolverSection Resolver { get; init; } = new();
    public PermissionsSection Permissions { get; init; } = new();
    public LimitsSection Limits { get; init; } = new();
    /// <summary>Setting defaults; the operator overrides them under <c>Plugins:Settings:&lt;id&gt;</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement> Settings { get; init; } = new Dictionary<string, JsonElement>();
    public YtDlpSection? YtDlp { get; init; }
    /// <summary>Public URLs on the real site that should always work: what <c>videobot probe</c> and the bot's probes try.</summary>
    public IReadOnlyList<ManifestProbe> Probes { get; init; } = [];
    public IReadOnlyList<ManifestTest> Tests { get; init; } = [];

    internal sealed record NormalizeSection
    {
        /// <summary>Host to canonical host, for mobile and alternative hosts (<c>m.youtube.com → www.youtube.com</c>).</summary>
        public IReadOnlyDictionary<string, string> HostAliases { get; init; } = new Dictionary<string, string>();
        /// <summary>Query parameters the plugin needs; all others are dropped when non-empty. Tracking parameters are always dropped.</summary>
        public IReadOnlyList<string> KeepQuery { get; init; } = [];
    }

    internal sealed record ResolverSection
    {
        /// <summary>
        /// The User-Agent sent while resolving (sites answer a browser with an HTML page instead of the redirect: t.co wants
        /// <c>curl</c>); null keeps the host's (<c>Network:UserAgent</c>).
        /// </summary>
        public string? UserAgent { get; init; }

        /// <summary>Time for the whole resolution, every hop, before the extraction's own time limit starts. Default 5000 ms.</summary>
        public int? TimeoutMs { get; init; }
    }

    internal sealed record PermissionsSection
    {
        /// <summary>Host patterns: <c>example.com</c> exactly, or <c>*.example.com</c> for its subdomains.</summary>
        public IReadOnlyList<string> Network { get; init; } = [];
    }

    internal sealed record LimitsSection
    {
        public int? TimeoutMs { get; init; }
        public int? MemoryMb { get; init; }
        public int? MaxStatements { get; init; }
        public int? MaxRecursion { get; init; }
        public int? MaxResponseKb { get; init; }
    }

    internal sealed record YtDlpSection
    {
        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> ExtractorArgs { get; init; }
            = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();
    }
}

/// <summary>How a plugin's entry is run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PluginKind>))]
internal enum PluginKind
{
    /// <summary>A JavaScript file run in a fresh Jint sandbox per extraction.</summary>
    Script,
    /// <summary>A .NET assembly loaded in its own collectible load context.</summary>
    Assembly,
}

/// <summary>One fixture test from a manifest: a URL, the recorded responses it needs, and what must come out.</summary>
internal sealed record ManifestTest
{
    public string? Name { get; init; }
    public required string Url { get; init; }
    /// <summary>True when the fixtures were recorded from the real site (<c>videobot record</c>); false when written by hand.</summary>
    public bool Recorded { get; init; }
    /// <summary>Request URL to a fixture file path (relative to the plugin folder) or a full fixture response.</summary>
    public IReadOnlyDictionary<string, JsonElement> Fixtures { get; init; } = new Dictionary<string, JsonElement>();
    /// <summary>Expected fields: id, title, uploader, description, duration (s), thumbnail, canonicalUrl, itemCount, kind, width, height, delegate, error.</summary>
    public IReadOnlyDictionary<string, JsonElement> Expect { get; init; } = new Dictionary<string, JsonElement>();
}

/// <summary>One live probe from a manifest: a public URL on the real site and what it must yield.</summary>
internal sealed record ManifestProbe
{
    public string? Name { get; init; }
    public required string Url { get; init; }
    /// <summary>The first item's kind: video, image, audio or animation (the schema's enum).</summary>
    public required string Kind { get; init; }
    /// <summary>The shortest duration in seconds the media may have; null: any.</summary>
    public double? MinDuration { get; init; }
}
