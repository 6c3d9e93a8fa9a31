using System.Text.Json.Nodes;
using VideoBot.Tests.Plugins;

namespace VideoBot.Tests.Contrib;

/// <summary>
/// <c>scripts/new-plugin.sh ID --kind script|assembly</c>, run as a contributor runs it (through the <c>dotnet new</c> templates in
/// templates/): the folder it makes must pass <c>videobot validate</c> untouched.
/// </summary>
[Collection(SdkBuilds.Name)]
public sealed class Scaffolding_plugins : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("videobot-new-plugin-").FullName;

    private static string Script => Path.Combine(RepoPaths.Root, "scripts", "new-plugin.sh");

    [Fact]
    public async Task A_new_script_plugin_has_a_manifest_an_entry_fixtures_and_tests_that_pass_validate()
    {
        var folder = Path.Combine(_root, "plugins", "harbour-tv");
        var made = await NewPlugin("harbour-tv", "--kind", "script", "--domain", "harbour.tv", "--dir", folder, "--no-validate");
        Assert.True(made.ExitCode == 0, made.ToString());

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "plugin.json")))!;
        Assert.Equal("harbour-tv", manifest["id"]!.GetValue<string>());
        Assert.Equal("Harbour Tv", manifest["name"]!.GetValue<string>());
        Assert.Equal("harbour.tv", Assert.Single(manifest["domains"]!.AsArray())!.GetValue<string>());
        AssertSchemaIsTheRepositorys(folder, manifest);
        Assert.True(File.Exists(Path.Combine(folder, manifest["entry"]!.GetValue<string>())));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "fixtures")));
        Assert.DoesNotContain("example", File.ReadAllText(Path.Combine(folder, "plugin.json")), StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(Path.Combine(folder, ".template.config")));

        var tests = manifest["tests"]!.AsArray().Count;
        var validated = await CliProcess.VideobotAsync(_root, null, "validate", folder);
        Assert.True(validated.ExitCode == 0, validated.ToString());
        Assert.Contains($"harbour-tv 0.1.0 (script): ok: {tests}/{tests} tests passed", validated.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_assembly_plugin_builds_into_its_bin_folder_without_a_copy_of_the_sdk_and_passes_validate()
    {
        var folder = Path.Combine(_root, "plugins", "clips-2go");
        var made = await NewPlugin("clips-2go", "--kind", "assembly", "--dir", folder, "--no-validate");
        Assert.True(made.ExitCode == 0, made.ToString());

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "plugin.json")))!;
        Assert.Equal("bin/VideoBot.Plugins.Clips2Go.dll", manifest["entry"]!.GetValue<string>());
        Assert.Equal("clips-2go.example", Assert.Single(manifest["domains"]!.AsArray())!.GetValue<string>());
        AssertSchemaIsTheRepositorys(folder, manifest);
        Assert.True(File.Exists(Path.Combine(folder, "bin", "VideoBot.Plugins.Clips2Go.dll")));
        Assert.False(File.Exists(Path.Combine(folder, "bin", "VideoBot.Sdk.dll")), "the host provides the SDK; a copy would break its casts");

        var validated = await CliProcess.VideobotAsync(_root, null, "validate", folder);
        Assert.True(validated.ExitCode == 0, validated.ToString());
        Assert.Contains("clips-2go 0.1.0 (assembly): ok: 3/3 tests passed", validated.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("My_Site", "is not a plugin id")]
    [InlineData("my.site", "is not a plugin id")]
    [InlineData("-site", "unknown option -site")]
    public async Task A_bad_id_is_refused_and_nothing_is_created(string id, string message)
    {
        var folder = Path.Combine(_root, "plugins", "x");
        var made = await NewPlugin(id, "--kind", "script", "--dir", folder);

        Assert.Equal(2, made.ExitCode);
        Assert.Contains(message, made.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task A_kind_other_than_script_or_assembly_is_refused()
    {
        var made = await NewPlugin("my-site", "--kind", "python", "--dir", Path.Combine(_root, "p"));

        Assert.Equal(2, made.ExitCode);
        Assert.Contains("--kind must be script or assembly, not 'python'", made.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_plugin_folder_is_left_alone()
    {
        var folder = Path.Combine(_root, "plugins", "my-site");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "plugin.json"), "{ \"mine\": true }");

        var made = await NewPlugin("my-site", "--kind", "script", "--dir", folder);

        Assert.Equal(1, made.ExitCode);
        Assert.Contains("already exists", made.Stderr, StringComparison.Ordinal);
        Assert.Equal("{ \"mine\": true }", await File.ReadAllTextAsync(Path.Combine(folder, "plugin.json")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Task<ProcessOutput> NewPlugin(params string[] arguments) =>
        CliProcess.RunAsync("bash", [Script, .. arguments], _root, timeout: TimeSpan.FromMinutes(6));

    /// <summary>$schema resolves, from the new folder, to this repository's schema, so editors check and complete the manifest.</summary>
    private static void AssertSchemaIsTheRepositorys(string folder, JsonNode manifest)
    {
        var schema = Path.GetFullPath(Path.Combine(folder, manifest["$schema"]!.GetValue<string>()));
        Assert.Equal(Path.Combine(RepoPaths.Root, "plugin-manifest.schema.json"), schema);
    }
}
