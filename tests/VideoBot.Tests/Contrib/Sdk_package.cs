using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Xml.Linq;
using Snapshooter.Xunit;
using VideoBot.Sdk;
using VideoBot.Tests.Plugins;

namespace VideoBot.Tests.Contrib;

/// <summary>
/// The SDK as plugin authors get it: <c>dotnet pack sdk</c> and its public surface. The analyzer (RS0016/RS0017) fails the build
/// when a public symbol is missing from sdk/PublicAPI.*.txt; the snapshot here fails when the surface itself changes.
/// </summary>
[Collection(SdkBuilds.Name)]
public sealed class Sdk_package
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly Assembly Sdk = typeof(SdkInfo).Assembly;

    [Fact]
    public async Task Packing_the_sdk_gives_a_package_with_its_readme_xml_docs_typings_and_schema()
    {
        var output = Directory.CreateTempSubdirectory("videobot-pack-").FullName;
        try
        {
            var packed = await CliProcess.RunAsync("dotnet",
                ["pack", Path.Combine(RepoPaths.Root, "sdk", "VideoBot.Sdk.csproj"), "-c", Configuration, "--no-build", "-o", output, "-nologo"],
                RepoPaths.Root);
            Assert.True(packed.ExitCode == 0, packed.ToString());

            using var package = ZipFile.OpenRead(Assert.Single(Directory.GetFiles(output, "VideoBot.Sdk.*.nupkg")));
            var entries = package.Entries.Select(e => e.FullName).ToHashSet();
            var nuspec = XDocument.Parse(Read(package, "VideoBot.Sdk.nuspec"));
            XNamespace ns = nuspec.Root!.Name.Namespace;
            var metadata = nuspec.Root.Element(ns + "metadata")!;

            Assert.Equal(SdkInfo.Version, metadata.Element(ns + "version")!.Value);
            Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
            Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "sdk", "README.md")), Read(package, "README.md"));
            Assert.Contains("lib/net10.0/VideoBot.Sdk.dll", entries);
            Assert.Contains("M:VideoBot.Sdk.Extraction.IExtractor.ExtractAsync", Read(package, "lib/net10.0/VideoBot.Sdk.xml"), StringComparison.Ordinal);
            var typings = File.ReadAllText(Path.Combine(RepoPaths.Root, "sdk", "scripting", "videobot.d.ts"));
            Assert.Equal(typings, Read(package, "contentFiles/any/any/scripting/videobot.d.ts"));
            Assert.Equal(typings, Read(package, "content/scripting/videobot.d.ts"));
            Assert.Contains("contentFiles/any/any/plugin-manifest.schema.json", entries);
            Assert.Contains(metadata.Descendants(ns + "files"), f => (string?)f.Attribute("include") == "any/any/scripting/videobot.d.ts");
            // The SDK references abstractions only.
            Assert.All(metadata.Descendants(ns + "dependency"), d => Assert.EndsWith(".Abstractions", (string)d.Attribute("id")!, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Building_the_sdk_with_a_public_member_missing_from_the_public_api_files_fails_with_RS0016()
    {
        // A copy of the SDK with one undeclared public class, built with the repository's props (warnings are errors).
        var copy = Directory.CreateTempSubdirectory("videobot-api-").FullName;
        try
        {
            foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "plugin-manifest.schema.json" })
            {
                File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(copy, file));
            }

            var sdk = Path.Combine(RepoPaths.Root, "sdk");
            foreach (var file in Directory.EnumerateFiles(sdk, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(sdk, f).Split(Path.DirectorySeparatorChar)[0].Equals("bin", StringComparison.Ordinal)
                    && !Path.GetRelativePath(sdk, f).Split(Path.DirectorySeparatorChar)[0].Equals("obj", StringComparison.Ordinal)))
            {
                var target = Path.Combine(copy, "sdk", Path.GetRelativePath(sdk, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            await File.WriteAllTextAsync(Path.Combine(copy, "sdk", "Undeclared.cs"), """
                namespace VideoBot.Sdk;

                /// <summary>Added without declaring it.</summary>
                public static class Undeclared
                {
                    /// <summary>Added without declaring it.</summary>
                    public static int Answer => 42;
                }
                """);

            var built = await CliProcess.RunAsync("dotnet", ["build", Path.Combine(copy, "sdk"), "-c", Configuration, "-nologo"], copy,
                timeout: TimeSpan.FromMinutes(6));

            Assert.NotEqual(0, built.ExitCode);
            Assert.Contains("RS0016", built.Stdout, StringComparison.Ordinal);
            Assert.Contains("'VideoBot.Sdk.Undeclared'", built.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void Every_public_type_is_declared_in_the_public_api_files_and_every_declared_type_exists()
    {
        var declared = File.ReadLines(Path.Combine(RepoPaths.Root, "sdk", "PublicAPI.Shipped.txt"))
            .Concat(File.ReadLines(Path.Combine(RepoPaths.Root, "sdk", "PublicAPI.Unshipped.txt")))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.Contains("->", StringComparison.Ordinal) && !l.Contains('(', StringComparison.Ordinal))
            .Select(l => l.Split(' ')[^1])
            .Order(StringComparer.Ordinal)
            .ToList();
        var actual = Sdk.GetExportedTypes().Select(t => t.FullName!.Replace('+', '.')).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(actual, declared);
    }

    [Fact]
    public void The_public_surface_matches_its_snapshot_so_a_breaking_change_is_deliberate()
    {
        Snapshot.Match(ApiSurface.Describe(Sdk));
    }

    private static string Read(ZipArchive package, string entry)
    {
        using var reader = new StreamReader(package.GetEntry(entry)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
