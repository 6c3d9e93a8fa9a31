using System.Reflection;
using System.Text.Json;
using NJsonSchema;
using VideoBot.Host.Manifests;
using VideoBot.Sdk;

namespace VideoBot.Tests.Manifests;

public sealed class ManifestSchemaTests
{
    [Fact]
    public void The_schema_and_the_manifest_model_name_the_same_properties()
    {
        var schema = ManifestSchema.Instance;

        Assert.Equal(CamelNames(typeof(PluginManifest)).Append("$schema").Order(), schema.Properties.Keys.Order());
        Assert.Equal(CamelNames(typeof(PluginManifest.NormalizeSection)).Order(), Section(schema, "normalize").Order());
        Assert.Equal(CamelNames(typeof(PluginManifest.PermissionsSection)).Order(), Section(schema, "permissions").Order());
        Assert.Equal(CamelNames(typeof(PluginManifest.LimitsSection)).Order(), Section(schema, "limits").Order());
        Assert.Equal(CamelNames(typeof(PluginManifest.YtDlpSection)).Order(), Section(schema, "ytDlp").Order());
        Assert.Equal(CamelNames(typeof(ManifestTest)).Order(), schema.Definitions["test"].Properties.Keys.Order());
    }

    [Fact]
    public void The_schema_requires_what_the_model_requires()
    {
        var required = typeof(PluginManifest).GetProperties()
            .Where(p => p.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is not null)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

        Assert.Subset(ManifestSchema.Instance.RequiredProperties.ToHashSet(), required.ToHashSet());
    }

    [Fact]
    public void The_expected_error_kinds_are_the_sdk_error_kinds()
    {
        var error = ManifestSchema.Instance.Definitions["expect"].Properties["error"];

        Assert.Equal(Enum.GetNames<VideoBot.Sdk.Extraction.ExtractionErrorKind>(), error.Enumeration.Cast<string>());
    }

    [Fact]
    public void Every_property_of_the_schema_has_a_description_for_editors()
    {
        var missing = new List<string>();
        Walk(ManifestSchema.Instance, "$", missing);
        foreach (var (name, definition) in ManifestSchema.Instance.Definitions)
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

    private static IEnumerable<string> Section(JsonSchema schema, string name) => schema.Properties[name].Properties.Keys;

    private static void Walk(JsonSchema schema, string path, List<string> missing)
    {
        foreach (var (name, property) in schema.Properties)
        {
            var target = property.HasReference ? property.Reference! : property;
            if (string.IsNullOrWhiteSpace(property.Description) && string.IsNullOrWhiteSpace(target.Description))
            {
                missing.Add($"{path}.{name}");
            }

            if (!property.HasReference)
            {
                Walk(property, $"{path}.{name}", missing);
            }
        }
    }
}
