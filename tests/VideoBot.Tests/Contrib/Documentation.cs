using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using VideoBot.Tests.Plugins;

namespace VideoBot.Tests.Contrib;

/// <summary>docs/ against the code: the manifest reference against the schema, the operator's config table against the options classes.</summary>
public sealed partial class Documentation
{
    private static string Doc(string name) => File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", name));

    [Fact]
    public void Every_property_of_the_manifest_schema_is_described_in_the_manifest_reference_and_nothing_else_is()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "plugin-manifest.schema.json")));
        var root = schema.RootElement;
        var reference = Sections(Doc("manifest-reference.md"));
        var definitions = root.GetProperty("definitions");

        var topLevel = new List<string>();
        foreach (var property in root.GetProperty("properties").EnumerateObject())
        {
            topLevel.Add(property.Name);
            if (property.Value.TryGetProperty("properties", out var nested))
            {
                topLevel.AddRange(nested.EnumerateObject().Select(n => $"{property.Name}.{n.Name}"));
            }
        }

        var documented = reference.Values.SelectMany(RowKeys).ToHashSet(StringComparer.Ordinal);
        var undocumented = topLevel.Where(p => !documented.Contains(p)).ToList();
        Assert.Empty(undocumented);
        Assert.Equal(Names(definitions, "test"), RowKeys(reference["## `tests`"]));
        Assert.Equal(Names(definitions, "fixture"), RowKeys(reference["### Fixtures"]));
        Assert.Equal(Names(definitions, "expect"), RowKeys(reference["### `expect`"]));
        Assert.Equal(topLevel.Where(p => !p.Contains('.', StringComparison.Ordinal)), RowKeys(reference["## Top level"]));

        // Required properties are the rows marked "yes".
        var required = root.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal);
        var marked = Rows(reference["## Top level"]).Where(r => r[1] == "yes").Select(r => r[0].Trim('`')).Order(StringComparer.Ordinal);
        Assert.Equal(required, marked);
        var errorRow = Rows(reference["### `expect`"]).Single(r => r[0] == "`error`")[2];
        Assert.All(ErrorKinds(definitions), kind => Assert.Contains($"`{kind}`", errorRow, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_setting_the_host_binds_is_in_the_operators_config_table_with_its_default()
    {
        var rows = Rows(Sections(Doc("operators-guide.md"))["## Configuration"])
            .Select(r => (Key: r[0].Trim('`'), Default: r[1]))
            .ToList();
        var table = rows.ToDictionary(r => Regex.Replace(r.Key, @":<[^>]+>.*$", ""), r => r.Default, StringComparer.Ordinal);

        var missing = HostSettings.All.Select(s => s.Key).Where(k => !table.ContainsKey(k)).ToList();
        var unknown = table.Keys.Where(k => !HostSettings.IsKnown(k)).ToList();
        Assert.Empty(missing);
        Assert.Empty(unknown);
        foreach (var setting in HostSettings.All)
        {
            var expected = setting.Default switch
            {
                bool b => b ? "true" : "false",
                int or long => Convert.ToString(setting.Default, CultureInfo.InvariantCulture),
                Enum e => e.ToString().ToLowerInvariant(),
                string s when s.Length < 40 => s,
                System.Collections.ICollection { Count: 0 } when setting.IsList => "[]",
                _ => null,
            };
            if (expected is not null)
            {
                Assert.True(table[setting.Key] == $"`{expected}`", $"{setting.Key}: the guide says {table[setting.Key]}, the code's default is {expected}");
            }
        }
    }

    [Fact]
    public void Every_relative_link_in_the_docs_and_the_readmes_leads_to_a_file_that_exists()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md")
            .Append(Path.Combine(RepoPaths.Root, "README.md"))
            .Append(Path.Combine(RepoPaths.Root, "sdk", "README.md"));
        var broken = new List<string>();
        foreach (var file in files)
        {
            foreach (Match link in MarkdownLink().Matches(File.ReadAllText(file)))
            {
                var parts = link.Groups[1].Value.Split('#', 2);
                if (parts[0].Contains("://", StringComparison.Ordinal) || parts[0].StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var target = parts[0].Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, parts[0]));
                var exists = Path.Exists(target);
                var anchorOk = parts.Length == 1 || (exists && target.EndsWith(".md", StringComparison.Ordinal) && Anchors(File.ReadAllText(target)).Contains(parts[1]));
                if (!exists || !anchorOk)
                {
                    broken.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}: {link.Value}");
                }
            }
        }

        Assert.Empty(broken);
    }

    [Fact]
    public void Every_folder_of_the_host_is_named_in_the_readmes_host_row_and_the_architecture_table_and_no_other()
    {
        // The folders a newcomer opens must be the ones the two documents walk through, in the link's flow.
        var folders = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "host")).Select(d => Path.GetFileName(d)!)
            .Where(name => name is not ("bin" or "obj")).Order(StringComparer.Ordinal).ToList();
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var hostRow = readme.Split('\n').Single(l => l.StartsWith("| `host/` |", StringComparison.Ordinal))["| `host/` |".Length..];
        var inRow = FolderNames().Matches(hostRow).Select(m => m.Groups[1].Value).Where(n => !n.Contains('/')).Distinct().Order(StringComparer.Ordinal).ToList();
        var table = HostFolderRows().Matches(Doc("architecture.md")).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(folders, inRow);
        Assert.Equal(folders, table);
    }

    [Fact]
    public void The_readme_links_every_document_in_docs()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        foreach (var doc in Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md"))
        {
            Assert.Contains($"(docs/{Path.GetFileName(doc)})", readme, StringComparison.Ordinal);
        }
    }

    /// <summary>A folder named in README's host row: <c>`Routing/`</c> (a path below one, <c>`Admission/Breaker/`</c>, is left out by the caller).</summary>
    [GeneratedRegex(@"`([A-Za-z/]+?)/`")]
    private static partial Regex FolderNames();

    /// <summary>A row of architecture.md's folder table: <c>| `host/Routing/` |</c>.</summary>
    [GeneratedRegex(@"^\| `host/([A-Za-z]+)/` \|", RegexOptions.Multiline)]
    private static partial Regex HostFolderRows();

    /// <summary>The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> Anchors(string markdown) =>
        [.. markdown.Split('\n').Where(l => l.StartsWith('#')).Select(l => Regex.Replace(l.TrimStart('#').Trim().ToLowerInvariant(), @"[^\p{L}\p{N} _-]", "").Replace(' ', '-'))];

    private static List<string> Names(JsonElement definitions, string name) =>
        [.. definitions.GetProperty(name).GetProperty("properties").EnumerateObject().Select(p => p.Name)];

    private static List<string> ErrorKinds(JsonElement definitions) =>
        [.. definitions.GetProperty("expect").GetProperty("properties").GetProperty("error").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>A Markdown document cut at its headings: heading line to the text under it.</summary>
    private static Dictionary<string, string> Sections(string markdown)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var heading = "";
        var body = new List<string>();
        foreach (var line in markdown.Split('\n').Append("# end"))
        {
            if (line.StartsWith('#'))
            {
                sections[heading] = string.Join('\n', body);
                (heading, body) = (line.Trim(), []);
            }
            else
            {
                body.Add(line);
            }
        }

        return sections;
    }

    /// <summary>The cells of every table row in a section, header and separator rows left out.</summary>
    private static List<string[]> Rows(string section) =>
        [.. section.Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray())];

    private static List<string> RowKeys(string section) => [.. Rows(section).Select(r => r[0].Trim('`'))];

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
