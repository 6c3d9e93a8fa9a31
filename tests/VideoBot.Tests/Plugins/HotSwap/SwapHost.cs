using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoBot.Host.Extraction;
using VideoBot.Host.Hosting;
using VideoBot.Host.Plugins;
using VideoBot.Host.Plugins.HotSwap;
using VideoBot.Host.PluginLifecycle.HotSwap;

namespace VideoBot.Tests.Plugins.HotSwap;

/// <summary>
/// The core services exactly as the bot registers them (<c>AddVideoBotCore</c>), over a temporary plugins folder, with the
/// folder watcher running when asked. Configuration is in memory and can be changed live (<see cref="Set"/>).
/// </summary>
internal sealed class SwapHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];
    private readonly IConfigurationRoot _configuration;

    private SwapHost(ServiceProvider services, IConfigurationRoot configuration, LogSink logs)
    {
        _services = services;
        _configuration = configuration;
        Logs = logs;
    }

    public LogSink Logs { get; }

    public PluginCatalog Catalog => _services.GetRequiredService<PluginCatalog>();

    public PluginSwapper Swapper => _services.GetRequiredService<PluginSwapper>();

    public LinkExtraction Extraction => _services.GetRequiredService<LinkExtraction>();

    public PluginNotices Notices => _services.GetRequiredService<PluginNotices>();

    public PluginOverrides Overrides => _services.GetRequiredService<PluginOverrides>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <param name="plugins">The plugins folder.</param>
    /// <param name="watch">Start the folder watcher (Plugins:Watch).</param>
    /// <param name="settings">More configuration.</param>
    public static async Task<SwapHost> StartAsync(string plugins, bool watch, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Plugins:Directory"] = plugins,
            ["Plugins:Watch"] = watch ? "true" : "false",
            ["Plugins:WatchDebounceMs"] = "200",
            ["Storage:Directory"] = Path.Combine(plugins, "..", Path.GetFileName(plugins) + "-storage"),
            ["Network:AllowPrivateAddresses"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new LogSink();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information))
            .AddVideoBotCore(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var host = new SwapHost(services, configuration, logs);
        await host.Catalog.LoadAsync();
        foreach (var hosted in services.GetServices<IHostedService>().Where(s => s is PluginWatcher))
        {
            await hosted.StartAsync(CancellationToken.None);
            host._started.Add(hosted);
        }

        return host;
    }

    /// <summary>Changes a setting and signals the change, as an edited config.yaml would.</summary>
    public void Set(string key, string? value)
    {
        _configuration[key] = value;
        _configuration.Reload();
    }

    /// <summary>Every notice published so far (the queue is drained).</summary>
    public List<PluginNotice> DrainNotices()
    {
        var list = new List<PluginNotice>();
        while (Notices.Reader.TryRead(out var notice))
        {
            list.Add(notice);
        }

        return list;
    }

    /// <summary>Waits for a condition, failing with <paramref name="what"/> after a generous timeout.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {seconds} s waiting until {what}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in _started)
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}

/// <summary>Keeps every log line, for assertions on what operators are told.</summary>
internal sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((logLevel, category, formatter(state, exception)));
    }
}

/// <summary>Writes script plugins whose every version says which it is, with a manifest test that checks it.</summary>
internal static class ClipPlugin
{
    public const string Domain = "clips.example";

    public static string Url(string id) => $"https://{Domain}/{id}";

    /// <summary>
    /// Writes (or overwrites) <c>folder/plugin.json</c> and <c>extractor.js</c>: the script answers a post titled
    /// <c>"clips {version}"</c>; the manifest test expects <paramref name="expectedTitle"/> (default: that same title).
    /// </summary>
    public static string Write(string plugins, string version, string? script = null, string? expectedTitle = null, string id = "clips", string? folder = null)
    {
        var dir = Path.Combine(plugins, folder ?? id);
        Directory.CreateDirectory(dir);
        // The script first, the manifest last: the manifest is what makes a folder a plugin.
        File.WriteAllText(Path.Combine(dir, "extractor.js"), script ?? Script(version));
        var manifest = new
        {
            id,
            name = "Clips",
            version,
            sdk = "^1.0",
            kind = "script",
            entry = "extractor.js",
            domains = new[] { Domain },
            urlPatterns = new[] { @"^https://clips\.example/(?<id>[a-z0-9]+)$" },
            tests = new[]
            {
                new { name = "a clip names its version", url = Url("abc"), expect = new { title = expectedTitle ?? "clips " + version, itemCount = 1 } },
            },
        };
        File.WriteAllText(Path.Combine(dir, "plugin.json"), JsonSerializer.Serialize(manifest, JsonSerializerOptions.Web));
        return dir;
    }

    public static string Script(string version) =>
        "async function extract(request) {\n" +
        $"  return {{ id: request.match.id, title: 'clips {version}', items: [{{ formats: [{{ url: 'https://cdn.clips.example/' + request.match.id + '.mp4' }}] }}] }};\n" +
        "}\n";
}
