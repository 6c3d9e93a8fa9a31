using System.Text.RegularExpressions;
using VideoBot.Tests.Plugins;

namespace VideoBot.Tests.Contrib;

/// <summary>
/// The complete example plugin in docs/writing-a-script-plugin.md, taken out of the page (each code block after a
/// <c>&lt;!-- file: NAME --&gt;</c> line) and checked the way the page tells a contributor to: with <c>videobot validate</c>.
/// </summary>
public sealed partial class Documented_examples : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("videobot-doc-example-").FullName;

    [Fact]
    public async Task The_example_script_plugin_of_the_guide_passes_validate_as_printed()
    {
        var page = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "writing-a-script-plugin.md"));
        var folder = Path.Combine(_root, "plugins", "clipsy");
        var files = FileBlock().Matches(page);
        Assert.Equal(["plugin.json", "extractor.js", "fixtures/clip-k3x9.json"], files.Select(m => m.Groups[1].Value));
        foreach (Match file in files)
        {
            var path = Path.Combine(folder, file.Groups[1].Value);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, file.Groups[2].Value);
        }

        var validated = await CliProcess.VideobotAsync(_root, null, "validate", folder);

        Assert.True(validated.ExitCode == 0, validated.ToString());
        Assert.Contains("clipsy 1.0.0 (script): ok: 4/4 tests passed", validated.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [GeneratedRegex(@"<!-- file: (\S+) -->\s*```\w*\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex FileBlock();
}
