using System.Text.Json;

namespace VideoBot.Host.Manifests;

/// <summary>One problem in a manifest: the file, the JSON path and the reason.</summary>
internal sealed record ManifestError(string File, string JsonPath, string Reason)
{
    public override string ToString() => $"{File}: {JsonPath}: {Reason}";
}

/// <summary>The outcome of reading a plugin folder's <c>plugin.json</c>.</summary>
internal sealed record ManifestReadResult(PluginManifest? Manifest, IReadOnlyList<ManifestError> Errors)
{
    public bool IsValid => Manifest is not null && Errors.Count == 0;
}

/// <summary>Reads and validates <c>plugin.json</c>. STUB: replaced by the schema-validating reader.</summary>
internal static class ManifestReader
{
    public const string FileName = "plugin.json";

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static ManifestReadResult Read(string pluginDirectory)
    {
        var file = Path.Combine(pluginDirectory, FileName);
        var manifest = JsonSerializer.Deserialize<PluginManifest>(File.ReadAllText(file), JsonOptions);
        return new ManifestReadResult(manifest, []);
    }
}
