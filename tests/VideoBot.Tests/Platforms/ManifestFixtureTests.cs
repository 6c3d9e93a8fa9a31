using VideoBot.Host.Manifests;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Tests.Platforms;

/// <summary>Each platform plugin's manifest is valid and every one of its fixture tests passes through the real script runtime.</summary>
public sealed class ManifestFixtureTests
{
    public static TheoryData<string> Plugins() => [.. PlatformPlugins.Ids];

    public static TheoryData<string, int, string> Tests()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var id in PlatformPlugins.Ids.Append(PlatformPlugins.Generic))
        {
            var manifest = ManifestReader.Read(PlatformPlugins.Folder(id)).Manifest;
            for (var i = 0; i < (manifest?.Tests.Count ?? 0); i++)
            {
                data.Add(id, i, manifest!.Tests[i].Name ?? manifest.Tests[i].Url);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Plugins))]
    public void The_manifest_passes_the_schema_and_the_semantic_checks(string id)
    {
        var read = ManifestReader.Read(PlatformPlugins.Folder(id));

        Assert.True(read.IsValid, string.Join(Environment.NewLine, read.Errors));
        Assert.Equal(id, read.Manifest!.Id);
        Assert.Equal(PluginKind.Script, read.Manifest.Kind);
    }

    [Theory]
    [MemberData(nameof(Plugins))]
    public void The_manifest_tests_cover_a_post_and_a_failure_and_the_script_may_reach_only_named_hosts(string id)
    {
        var manifest = PlatformPlugins.Manifest(id);

        Assert.Contains(manifest.Tests, t => !t.Expect.ContainsKey("error") && t.Expect.ContainsKey("id") && t.Expect.ContainsKey("itemCount"));
        Assert.Contains(manifest.Tests, t => t.Expect.ContainsKey("error"));
        Assert.NotEmpty(manifest.Permissions.Network);
        Assert.DoesNotContain(manifest.Permissions.Network, host => host.StartsWith("*.", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Tests))]
    public async Task The_manifest_fixture_test_gives_what_it_expects(string id, int index, string name)
    {
        var test = PlatformPlugins.Manifest(id).Tests[index];

        var outcome = await ManifestTestRunner.RunAsync(id, index);

        var differences = ManifestTestRunner.Differences(test.Expect, outcome);
        Assert.True(differences.Count == 0, $"{id} \"{name}\": " + string.Join("; ", differences));
        Assert.True(outcome.UnusedFixtures.Count == 0, $"{id} \"{name}\" never requested " + string.Join(", ", outcome.UnusedFixtures));
        if (outcome.Error is { } error)
        {
            Assert.NotEqual(ExtractionErrorKind.PluginFault, error.Kind);
        }
    }
}
