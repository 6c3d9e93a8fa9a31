using System.Text.Json;
using Microsoft.Extensions.Logging;
using VideoBot.Host.Configuration;
using VideoBot.Host.Manifests;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Extraction;

/// <summary>What the host lends one plugin run.</summary>
internal sealed class ExtractionContext(string pluginId, HttpClient http, ILogger logger, IReadOnlyDictionary<string, string> settings)
    : IExtractionContext
{
    public string PluginId { get; } = pluginId;
    public HttpClient Http { get; } = http;
    public ILogger Logger { get; } = logger;
    public IReadOnlyDictionary<string, string> Settings { get; } = settings;

    /// <summary>The manifest's setting defaults, overridden by <c>Plugins:Settings:&lt;id&gt;</c>.</summary>
    public static IReadOnlyDictionary<string, string> EffectiveSettings(PluginManifest manifest, PluginsOptions options)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in manifest.Settings)
        {
            settings[key] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        }

        if (options.Settings.TryGetValue(manifest.Id, out var overrides))
        {
            foreach (var (key, value) in overrides)
            {
                settings[key] = value;
            }
        }

        return settings;
    }
}
