using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Extraction;
using VideoBot.Host.Hosting;
using VideoBot.Tests.Plugins;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Extraction;

/// <summary>
/// Script plugins for <c>site.example</c> (posts at <c>https://www.site.example/p/{id}</c>, short links on <c>s.site.example</c>)
/// in a temporary folder, run by the host's real extraction service (catalog, router, invoker, sandbox, yt-dlp engine) against
/// a loopback <see cref="FixtureSite"/> that plays every <c>site.example</c> host through <c>Network:OriginOverrides</c>.
/// </summary>
internal sealed class SiteScripts : IDisposable
{
    public const string Www = "https://www.site.example";
    public const string Short = "https://s.site.example";

    private readonly TempPlugins _plugins = new();
    private readonly Dictionary<string, int> _priorities = [];

    public string Directory => _plugins.Directory;

    /// <summary>Adds a script plugin; <paramref name="manifest"/> entries are added to (or replace) the defaults.</summary>
    public void Add(string id, int priority, string script, IReadOnlyDictionary<string, object>? manifest = null)
    {
        var fields = new Dictionary<string, object>
        {
            ["id"] = id,
            ["name"] = id,
            ["version"] = "1.0.0",
            ["sdk"] = "^1.0",
            ["kind"] = "script",
            ["entry"] = "extractor.js",
            ["domains"] = new[] { "site.example" },
            ["urlPatterns"] = new[] { @"^https://www\.site\.example/p/(?<id>[a-z0-9]+)$" },
            ["shortLinks"] = new[] { "s.site.example" },
            ["priority"] = priority,
            ["permissions"] = new { network = new[] { "www.site.example", "api.site.example" } },
        };
        foreach (var (key, value) in manifest ?? new Dictionary<string, object>())
        {
            fields[key] = value;
        }

        _priorities[id] = priority;
        var folder = _plugins.Add(id, fields);
        File.WriteAllText(Path.Combine(folder, "extractor.js"), script);
    }

    /// <summary>Extracts <paramref name="url"/> with the host's services, <paramref name="site"/> playing site.example.</summary>
    public async Task<ExtractionOutcome> ExtractAsync(FixtureSite site, string url, params (string Key, string Value)[] settings)
    {
        await using var provider = Services(site, settings);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await provider.GetRequiredService<LinkExtraction>().ExtractAsync(url, timeout.Token);
    }

    /// <summary>The host's services, <paramref name="site"/> playing site.example, for tests that run several links in one host.</summary>
    public ServiceProvider Services(FixtureSite site, params (string Key, string Value)[] settings)
    {
        var origin = site.BaseUrl.GetLeftPart(UriPartial.Authority);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plugins:Directory"] = _plugins.Directory,
            ["Plugins:Watch"] = "false",
            ["Storage:Directory"] = Path.Combine(_plugins.Directory, "data"),
            ["YtDlp:EnableGeneric"] = "false",
            ["Network:AllowPrivateAddresses"] = "true",
            ["Network:OriginOverrides:" + Www] = origin,
            ["Network:OriginOverrides:https://api.site.example"] = origin,
            ["Network:OriginOverrides:" + Short] = origin,
        }
        // Every plugin here claims site.example: the operator's explicit priorities let them share it (Plugins:Claims).
        .Concat(_priorities.Select(p => KeyValuePair.Create("Plugins:Priority:" + p.Key, (string?)p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        .Concat(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddVideoBotCore(configuration);
        return services.BuildServiceProvider();
    }

    public void Dispose() => _plugins.Dispose();
}
