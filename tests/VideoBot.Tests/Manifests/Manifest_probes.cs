using System.Text.Json.Nodes;
using VideoBot.Host.Manifests;
using VideoBot.Tests.Plugins;

namespace VideoBot.Tests.Manifests;

/// <summary>A manifest's <c>probes</c>: read with their expectations, refused off the plugin's site, and present in every platform plugin.</summary>
public sealed class Manifest_probes
{
    private static IReadOnlyList<string> ErrorsWith(params JsonObject[] probes)
    {
        var manifest = PluginFolder.GoodManifest();
        manifest["probes"] = new JsonArray([.. probes]);
        using var folder = PluginFolder.Create(manifest);
        return folder.ReadErrors();
    }

    [Fact]
    public void A_probe_on_the_plugins_domains_or_short_links_is_read_with_what_it_must_yield()
    {
        var manifest = PluginFolder.GoodManifest();
        manifest["probes"] = new JsonArray(
            new JsonObject { ["name"] = "a watch page", ["url"] = "https://www.example.com/watch?v=dQw4w9WgXcQ", ["kind"] = "video", ["minDuration"] = 200 },
            new JsonObject { ["url"] = "https://ex.am/abc", ["kind"] = "image" });
        using var folder = PluginFolder.Create(manifest);

        var result = folder.Read();

        Assert.True(result.IsValid, string.Join("\n", folder.ReadErrors()));
        var probes = result.Manifest!.Probes;
        Assert.Equal(new ManifestProbe { Name = "a watch page", Url = "https://www.example.com/watch?v=dQw4w9WgXcQ", Kind = "video", MinDuration = 200 }, probes[0]);
        Assert.Equal(new ManifestProbe { Url = "https://ex.am/abc", Kind = "image" }, probes[1]);
    }

    [Fact]
    public void A_probe_on_another_site_is_refused_with_the_plugins_domains()
    {
        var errors = ErrorsWith(new JsonObject { ["url"] = "https://www.example.com.evil.net/watch?v=x", ["kind"] = "video" });

        var error = Assert.Single(errors);
        Assert.Contains("$.probes[0].url", error, StringComparison.Ordinal);
        Assert.Contains("the probe's host \"www.example.com.evil.net\" is not on the plugin's domains (example.com, www.example.com)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_probe_without_a_kind_or_with_an_unknown_one_is_refused_by_the_schema()
    {
        Assert.Contains(ErrorsWith(new JsonObject { ["url"] = "https://www.example.com/watch?v=x" }), e => e.Contains("$.probes[0]", StringComparison.Ordinal) && e.Contains("kind", StringComparison.Ordinal));
        Assert.Contains(ErrorsWith(new JsonObject { ["url"] = "https://www.example.com/watch?v=x", ["kind"] = "photo" }), e => e.Contains("$.probes[0].kind", StringComparison.Ordinal));
        Assert.Contains(ErrorsWith(new JsonObject { ["url"] = "ftp://www.example.com/x", ["kind"] = "video" }), e => e.Contains("$.probes[0].url", StringComparison.Ordinal));
    }

    [Fact]
    public void The_schema_and_the_model_name_the_same_probe_properties()
    {
        var names = typeof(ManifestProbe).GetProperties().Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name));

        Assert.Equal(names.Order(), ManifestSchema.Json.GetProperty("definitions").GetProperty("probe").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public void Every_platform_plugin_has_probes_on_its_own_site_just_before_its_tests()
    {
        foreach (var folder in Directory.GetDirectories(RepoPaths.Plugins).Where(d => Path.GetFileName(d) != "generic"))
        {
            var result = ManifestReader.Read(folder);
            Assert.True(result.IsValid, $"{folder}: {string.Join("; ", result.Errors)}");
            Assert.NotEmpty(result.Manifest!.Probes);

            // Other branches edit the other keys of plugin.json: probes sit right before tests, so merges stay clean.
            var keys = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "plugin.json")))!.AsObject().Select(p => p.Key).ToList();
            Assert.Equal(keys.IndexOf("tests") - 1, keys.IndexOf("probes"));
        }
    }
}
