using System.Text.Json.Nodes;
using Snapshooter.Xunit;

namespace VideoBot.Tests.Manifests;

/// <summary>The entry and fixture files must stay inside the plugin folder, however the manifest spells them.</summary>
public sealed class ManifestPathTests
{
    [Fact]
    public void A_missing_entry_file_is_reported()
    {
        using var folder = PluginFolder.Create(With(m => m["entry"] = "dist/extractor.js"));

        var errors = folder.ReadErrors();

        Assert.Equal("<plugin>/plugin.json: $.entry: the file \"dist/extractor.js\" does not exist in the plugin folder", Assert.Single(errors));
        Snapshot.Match(errors);
    }

    [Fact]
    public void An_entry_that_climbs_out_of_the_folder_is_refused()
    {
        using var folder = PluginFolder.Create(With(m => m["entry"] = "../../../etc/passwd"));

        var errors = folder.ReadErrors();

        Assert.Equal("<plugin>/plugin.json: $.entry: \"../../../etc/passwd\" points outside the plugin folder", Assert.Single(errors));
        Snapshot.Match(errors);
    }

    [Fact]
    public void An_entry_that_climbs_out_and_back_in_is_refused_too()
    {
        using var folder = PluginFolder.Create(With(m => m["entry"] = "lib/../extractor.js"));

        Assert.Contains("$.entry: \"lib/../extractor.js\" must not contain '..' segments", Assert.Single(folder.ReadErrors()), StringComparison.Ordinal);
    }

    [Fact]
    public void An_absolute_entry_is_refused_even_when_it_points_inside()
    {
        using var folder = PluginFolder.Create(PluginFolder.GoodManifest());
        var absolute = Path.Combine(folder.Directory, "extractor.js");
        folder.WriteManifest(With(m => m["entry"] = absolute).ToJsonString());

        var errors = folder.ReadErrors();

        Assert.Equal("<plugin>/plugin.json: $.entry: \"<plugin>/extractor.js\" is an absolute path; it must be relative to the plugin folder", Assert.Single(errors));
        Snapshot.Match(errors);
    }

    [Fact]
    public void An_entry_with_backslashes_is_refused_so_it_means_the_same_on_every_system()
    {
        using var folder = PluginFolder.Create(With(m => m["entry"] = @"..\..\extractor.js"));

        Assert.Contains("use '/' as the separator", Assert.Single(folder.ReadErrors()), StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_that_is_a_symbolic_link_out_of_the_folder_is_refused()
    {
        using var folder = PluginFolder.Create(With(m => m["entry"] = "linked.js"));
        var target = Path.Combine(folder.Outside, "evil.js");
        File.WriteAllText(target, "function extract() {}");
        File.CreateSymbolicLink(Path.Combine(folder.Directory, "linked.js"), target);

        var errors = folder.ReadErrors();

        Assert.Equal("<plugin>/plugin.json: $.entry: \"linked.js\" goes through a symbolic link that points outside the plugin folder (to <outside>/evil.js)", Assert.Single(errors));
        Snapshot.Match(errors);
    }

    [Fact]
    public void An_entry_under_a_linked_folder_that_leads_out_is_refused()
    {
        using var folder = PluginFolder.Create(With(m => m["entry"] = "lib/extractor.js"));
        File.WriteAllText(Path.Combine(folder.Outside, "extractor.js"), "function extract() {}");
        // a relative link target, resolved from the link's own folder
        Directory.CreateSymbolicLink(Path.Combine(folder.Directory, "lib"), "../outside");

        Assert.Contains("goes through a symbolic link that points outside the plugin folder (to <outside>/extractor.js)", Assert.Single(folder.ReadErrors()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_dangling_link_out_of_the_folder_is_refused_before_anything_exists_there()
    {
        using var folder = PluginFolder.Create(With(m => m["entry"] = "linked.js"));
        File.CreateSymbolicLink(Path.Combine(folder.Directory, "linked.js"), Path.Combine(folder.Outside, "later.js"));

        Assert.Contains("points outside the plugin folder (to <outside>/later.js)", Assert.Single(folder.ReadErrors()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_loop_of_symbolic_links_is_refused_instead_of_hanging()
    {
        using var folder = PluginFolder.Create(With(m => m["entry"] = "a.js"));
        File.CreateSymbolicLink(Path.Combine(folder.Directory, "a.js"), "b.js");
        File.CreateSymbolicLink(Path.Combine(folder.Directory, "b.js"), "a.js");

        Assert.Contains("$.entry: \"a.js\" cannot be resolved: too many levels of symbolic links", Assert.Single(folder.ReadErrors()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_link_that_stays_inside_the_folder_is_accepted()
    {
        using var folder = PluginFolder.Create(With(m => m["entry"] = "current.js"));
        folder.Write("versions/v2/extractor.js", "function extract() {}");
        File.CreateSymbolicLink(Path.Combine(folder.Directory, "current.js"), "versions/v2/extractor.js");

        Assert.Empty(folder.ReadErrors());
    }

    [Fact]
    public void A_plugin_folder_that_is_itself_a_link_is_judged_by_its_target()
    {
        using var folder = PluginFolder.Create(PluginFolder.GoodManifest());
        var link = folder.Outside + "-link";
        Directory.CreateSymbolicLink(link, folder.Directory);
        try
        {
            Assert.True(Host.Manifests.ManifestReader.Read(link).IsValid);
        }
        finally
        {
            Directory.Delete(link);
        }
    }

    [Fact]
    public void An_entry_that_is_a_folder_is_refused()
    {
        using var folder = PluginFolder.Create(With(m => m["entry"] = "lib"));
        folder.Write("lib/extractor.js", "");

        Assert.Contains("$.entry: \"lib\" is a folder; the entry must be a file", Assert.Single(folder.ReadErrors()), StringComparison.Ordinal);
    }

    [Fact]
    public void Fixture_paths_that_escape_the_folder_are_refused_in_both_forms()
    {
        using var folder = PluginFolder.Create(PluginFolder.GoodManifest());
        File.CreateSymbolicLink(Path.Combine(folder.Directory, "secrets.json"), Path.Combine(folder.Outside, "secrets.json"));
        folder.WriteManifest(With(m => m["tests"]![1]!["fixtures"] = new JsonObject
        {
            ["https://www.example.com/a"] = "../../../../etc/shadow",
            ["https://www.example.com/b"] = new JsonObject { ["file"] = "/etc/passwd", ["status"] = 200 },
            ["https://www.example.com/c"] = "secrets.json",
            ["https://www.example.com/d"] = "fixtures/fine.json",
        }).ToJsonString());

        var errors = folder.ReadErrors();

        Assert.Equal(3, errors.Count);
        Assert.Contains("$.tests[1].fixtures['https://www.example.com/a']: \"../../../../etc/shadow\" points outside the plugin folder", errors[0], StringComparison.Ordinal);
        Assert.Contains("$.tests[1].fixtures['https://www.example.com/b'].file: \"/etc/passwd\" is an absolute path", errors[1], StringComparison.Ordinal);
        Assert.Contains("$.tests[1].fixtures['https://www.example.com/c']: \"secrets.json\" goes through a symbolic link", errors[2], StringComparison.Ordinal);
        Snapshot.Match(errors);
    }

    private static JsonObject With(Action<JsonObject> change)
    {
        var manifest = PluginFolder.GoodManifest();
        change(manifest);
        return manifest;
    }
}
