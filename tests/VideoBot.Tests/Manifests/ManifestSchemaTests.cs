using System.Reflection;
using System.Text.Json;
using VideoBot.Host.Manifests;
using VideoBot.Sdk;

namespace VideoBot.Tests.Manifests;

public sealed class ManifestSchemaTests
{
    [Fact]
    public void The_schema_and_the_manifest_model_name_the_same_properties()
    {
        var schema = ManifestSchema.Json;

        Assert.Equal(CamelNames(typeof(PluginManifest)).Append("$schema").Order(), Properties(schema).Keys.Order());
        Assert.Equal(CamelNames(typeof(PluginManifest.NormalizeSection)).Order(), Section(schema, "normalize").Order());
        Assert.Equal(CamelNames(typeof(PluginManifest.PermissionsSection)).Order(), Section(schema, "permissions").Order());
        Assert.Equal(CamelNames(typeof(PluginManifest.LimitsSection)).Order(), Section(schema, "limits").Order());
        Assert.Equal(CamelNames(typeof(PluginManifest.YtDlpSection)).Order(), Section(schema, "ytDlp").Order());
        Assert.Equal(CamelNames(typeof(ManifestTest)).Order(), Properties(Definitions()["test"]).Keys.Order());
    }

    [Fact]
    public void The_schema_is_draft_07_which_the_validator_supports()
    {
        // JsonSchema.Net 8 evaluates drafts 6, 7, 2019-09 and 2020-12; a schema naming another draft would not be read as meant.
        Assert.Equal("http://json-schema.org/draft-07/schema#", ManifestSchema.Json.GetProperty("$schema").GetString());
    }

    [Fact]
    public void The_schema_requires_what_the_model_requires()
    {
        var required = typeof(PluginManifest).GetProperties()
            .Where(p => p.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

        Assert.Subset(ManifestSchema.Json.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).ToHashSet(), required.ToHashSet());
    }

    [Fact]
    public void The_expected_error_kinds_are_the_sdk_error_kinds()
    {
        var error = Properties(Definitions()["expect"])["error"];

        Assert.Equal(Enum.GetNames<VideoBot.Sdk.Extraction.ExtractionErrorKind>(), error.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Every_property_of_the_schema_has_a_description_for_editors()
    {
        var missing = new List<string>();
        Walk(ManifestSchema.Json, "$", missing);
        foreach (var (name, definition) in Definitions())
        {
            Walk(definition, "#/definitions/" + name, missing);
        }

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("^1.0", true)]
    [InlineData("1.x", true)]
    [InlineData(">=0.9 <2", true)]
    [InlineData("^2.0", false)]
    [InlineData("<1.0.0", false)]
    [InlineData("not a range", false)]
    public void The_sdk_range_is_checked_against_the_host_sdk(string range, bool compatible)
    {
        var manifest = new PluginManifest
        {
            Id = "x", Name = "X", Version = "1.0.0", Sdk = range, Kind = PluginKind.Script, Entry = "extractor.js",
        };

        Assert.Equal(compatible, ManifestReader.IsSdkCompatible(manifest, out var reason));
        Assert.Equal(compatible, reason.Length == 0);
    }

    [Fact]
    public void An_incompatible_sdk_range_says_what_the_host_provides()
    {
        var manifest = new PluginManifest
        {
            Id = "x", Name = "X", Version = "1.0.0", Sdk = "^2.0", Kind = PluginKind.Script, Entry = "extractor.js",
        };

        ManifestReader.IsSdkCompatible(manifest, out var reason);

        Assert.Equal($"needs SDK ^2.0, but this host provides SDK {SdkInfo.Version}", reason);
    }

    private static IEnumerable<string> CamelNames(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

    private static Dictionary<string, JsonElement> Properties(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value)
            : [];

    private static Dictionary<string, JsonElement> Definitions() =>
        ManifestSchema.Json.GetProperty("definitions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);

    private static IEnumerable<string> Section(JsonElement schema, string name) => Properties(Properties(schema)[name]).Keys;

    private static void Walk(JsonElement schema, string path, List<string> missing)
    {
        foreach (var (name, property) in Properties(schema))
        {
            var reference = property.TryGetProperty("$ref", out var to) ? Definitions()[to.GetString()!["#/definitions/".Length..]] : (JsonElement?)null;
            if (!HasDescription(property) && !(reference is { } target && HasDescription(target)))
            {
                missing.Add($"{path}.{name}");
            }

            if (reference is null)
            {
                Walk(property, $"{path}.{name}", missing);
            }
        }
    }

    private static bool HasDescription(JsonElement schema) =>
        schema.TryGetProperty("description", out var description) && !string.IsNullOrWhiteSpace(description.GetString());
}
