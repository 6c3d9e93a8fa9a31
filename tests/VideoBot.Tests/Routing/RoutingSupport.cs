using Microsoft.Extensions.Logging.Abstractions;
using VideoBot.Host.Manifests;
using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;

namespace VideoBot.Tests.Routing;

/// <summary>Builds plugin handles straight from manifests, as the loader would, without loading extractors.</summary>
internal static class TestHandles
{
    public static PluginHandle Make(
        string id,
        string[] domains,
        string[] patterns,
        int priority = 0,
        PluginStatus status = PluginStatus.Active,
        Dictionary<string, string>? aliases = null,
        string[]? keepQuery = null,
        string[]? shortLinks = null,
        string[]? resolveRedirects = null)
    {
        var manifest = new PluginManifest
        {
            Id = id,
            Name = char.ToUpperInvariant(id[0]) + id[1..],
            Version = "1.0.0",
            Sdk = "^1.0",
            Kind = PluginKind.Script,
            Entry = "extractor.js",
            Domains = domains,
            UrlPatterns = patterns,
            Priority = priority,
            Normalize = new PluginManifest.NormalizeSection { HostAliases = aliases ?? [], KeepQuery = keepQuery ?? [] },
            ShortLinks = shortLinks ?? [],
            ResolveRedirects = resolveRedirects ?? [],
        };
        return new PluginHandle(id, "/plugins/" + id)
        {
            Manifest = manifest,
            Status = status,
            Patterns = PluginPatterns.Compile(manifest),
            RedirectPatterns = PluginPatterns.Compile(manifest.ResolveRedirects),
            EffectivePriority = priority,
        };
    }
}

/// <summary>A catalog over a fixed list; <see cref="Publish"/> swaps it as a reload would.</summary>
internal sealed class ListCatalog(params PluginHandle[] plugins) : IPluginCatalog
{
    private IReadOnlyList<PluginHandle> _plugins = plugins;

    public IReadOnlyList<PluginHandle> Plugins => _plugins;

    public PluginHandle? Find(string id) => _plugins.FirstOrDefault(p => p.Id == id);

    public void Publish(params PluginHandle[] plugins) => _plugins = plugins;

    public Router Router() => new(this, NullLogger<Router>.Instance);
}
