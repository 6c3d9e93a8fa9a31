using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Tests.Plugins;

/// <summary>Where the repository is: found from this source file, since tests may run from any artifacts folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The repository's plugins folder.</summary>
    public static string Plugins => Path.Combine(Root, "plugins");

    public static string Plugin(string id) => Path.Combine(Plugins, id);

    /// <summary>The repository's config.yaml, which scripts/videobot hands the executable.</summary>
    public static string Config => Path.Combine(Root, "config.yaml");

    /// <summary>The test-only plugin assembly, built by the test project's reference to tests/TestPlugins.</summary>
    public static string TestPluginsAssembly => Path.Combine(Root, "tests", "TestPlugins", "bin", "VideoBot.TestPlugins.dll");

    private static string FindRoot([CallerFilePath] string source = "")
    {
        var dir = Path.GetDirectoryName(source);
        while (dir is not null && !File.Exists(Path.Combine(dir, "Plugins.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("cannot find the repository root from " + source);
    }
}

/// <summary>A temporary plugins folder, deleted at the end of the test.</summary>
internal sealed class TempPlugins : IDisposable
{
    public TempPlugins() => System.IO.Directory.CreateDirectory(Directory);

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "videobot-plugins-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Writes <c>folder/plugin.json</c> from <paramref name="manifest"/> (serialized camelCase) and returns the folder.</summary>
    public string Add(string folder, object manifest, IEnumerable<(string Source, string Target)>? files = null)
    {
        var dir = Path.Combine(Directory, folder);
        System.IO.Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "plugin.json"), JsonSerializer.Serialize(manifest, JsonSerializerOptions.Web));
        foreach (var (source, target) in files ?? [])
        {
            var path = Path.Combine(dir, target);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(source, path, overwrite: true);
        }

        return dir;
    }

    /// <summary>A script plugin claiming <paramref name="domain"/> with one pattern.</summary>
    public string AddScript(string id, string domain, int priority = 0, string? pattern = null, string folder = "") =>
        Add(folder.Length > 0 ? folder : id, new
        {
            id,
            name = id,
            version = "1.0.0",
            sdk = "^1.0",
            kind = "script",
            entry = "extractor.js",
            domains = new[] { domain },
            urlPatterns = new[] { pattern ?? $"^https://(?:www\\.)?{domain.Replace(".", "\\.", StringComparison.Ordinal)}/(?<id>[A-Za-z0-9]+)$" },
            priority,
        }, [(WriteScript(), "extractor.js")]);

    /// <summary>An assembly plugin from the test-plugins assembly, using class <paramref name="type"/>.</summary>
    public string AddTestAssembly(string id, string type, string domain = "test.example") =>
        Add(id, new
        {
            id,
            name = id,
            version = "1.0.0",
            sdk = "^1.0",
            kind = "assembly",
            entry = "bin/VideoBot.TestPlugins.dll",
            type = "VideoBot.TestPlugins." + type,
            domains = new[] { domain },
            urlPatterns = new[] { $"^https://{domain.Replace(".", "\\.", StringComparison.Ordinal)}/(?<id>\\d+)$" },
        }, [(RepoPaths.TestPluginsAssembly, "bin/VideoBot.TestPlugins.dll")]);

    private string WriteScript()
    {
        var path = Path.Combine(Directory, "extractor.js");
        File.WriteAllText(path, "async function extract(request) { return { delegate: 'yt-dlp', url: request.url }; }\n");
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>Options that never change, for the catalog's <see cref="IOptionsMonitor{T}"/>.</summary>
internal sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}

/// <summary>What a test lends an extractor: a real HttpClient, a null logger, the given settings (none by default).</summary>
internal sealed class TestExtractionContext(string pluginId, HttpClient http, IReadOnlyDictionary<string, string>? settings = null) : IExtractionContext
{
    public string PluginId { get; } = pluginId;
    public HttpClient Http { get; } = http;
    public ILogger Logger { get; } = NullLogger.Instance;
    public IReadOnlyDictionary<string, string> Settings { get; } = settings ?? new Dictionary<string, string>();
}

internal static class TestOptions
{
    public static PluginsOptions Plugins(Action<PluginsOptions>? configure = null)
    {
        var options = new PluginsOptions();
        configure?.Invoke(options);
        return options;
    }
}
