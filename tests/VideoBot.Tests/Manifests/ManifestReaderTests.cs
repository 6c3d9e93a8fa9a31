using System.Text.Json.Nodes;
using Snapshooter.Xunit;
using VideoBot.Host.Manifests;

namespace VideoBot.Tests.Manifests;

public sealed class ManifestReaderTests
{
    [Fact]
    public void A_complete_manifest_passes_and_reads_every_section()
    {
        using var folder = PluginFolder.Create(PluginFolder.GoodManifest());

        var result = folder.Read();

        Assert.Empty(result.Errors);
        Assert.True(result.IsValid);
        var manifest = result.Manifest!;
        Assert.Equal("example-video", manifest.Id);
        Assert.Equal(PluginKind.Script, manifest.Kind);
        Assert.Equal(["example.com", "www.example.com"], manifest.Domains);
        Assert.Equal(2, manifest.UrlPatterns.Count);
        Assert.Equal(10, manifest.Priority);
        Assert.Equal("www.example.com", manifest.Normalize.HostAliases["m.example.com"]);
        Assert.Equal(["v", "t"], manifest.Normalize.KeepQuery);
        Assert.Equal(["ex.am"], manifest.ShortLinks);
        Assert.Single(manifest.ResolveRedirects);
        Assert.Equal(["www.example.com", "*.examplecdn.net"], manifest.Permissions.Network);
        Assert.Equal(5000, manifest.Limits.TimeoutMs);
        Assert.Equal(2048, manifest.Limits.MaxResponseKb);
        Assert.Equal("mweb,web_safari", manifest.Settings["playerClients"].GetString());
        Assert.Equal(["web"], manifest.YtDlp!.ExtractorArgs["example"]["client"]);
        Assert.Equal(2, manifest.Tests.Count);
        Assert.Equal("https://www.example.com/watch?v=dQw4w9WgXcQ", manifest.Tests[0].Expect["delegate"].GetString());
    }

    [Fact]
    public void The_resolver_section_and_a_tests_recorded_flag_are_read()
    {
        var json = PluginFolder.GoodManifest();
        json["resolver"] = new JsonObject { ["userAgent"] = "curl/8.5.0", ["timeoutMs"] = 4000 };
        json["tests"]![1]!.AsObject()["recorded"] = true;
        using var folder = PluginFolder.Create(json);

        var manifest = folder.Read().Manifest!;

        Assert.Equal(("curl/8.5.0", 4000), (manifest.Resolver.UserAgent, manifest.Resolver.TimeoutMs));
        Assert.Equal([false, true], manifest.Tests.Select(t => t.Recorded));
    }

    [Fact]
    public void A_resolver_user_agent_with_a_line_break_and_a_budget_out_of_range_are_refused()
    {
        var json = PluginFolder.GoodManifest();
        json["resolver"] = new JsonObject { ["userAgent"] = "curl\r\nX-Injected: 1", ["timeoutMs"] = 60000 };
        using var folder = PluginFolder.Create(json);

        var errors = folder.ReadErrors();

        Assert.Contains(errors, e => e.Contains("resolver.userAgent", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("resolver.timeoutMs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_minimal_manifest_with_only_the_required_properties_passes()
    {
        var manifest = new JsonObject
        {
            ["id"] = "x", ["name"] = "X", ["version"] = "0.1.0", ["sdk"] = "1.x", ["kind"] = "script", ["entry"] = "extractor.js",
            ["domains"] = new JsonArray("*"), ["urlPatterns"] = new JsonArray("^https?://.+$"),
        };
        using var folder = PluginFolder.Create(manifest);

        Assert.True(folder.Read().IsValid);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_accepted_as_the_host_reads_them()
    {
        using var folder = PluginFolder.CreateRaw(PluginFolder.GoodManifest().ToJsonString().Replace("\"id\":", "// the id\n\"id\":", StringComparison.Ordinal).TrimEnd('}') + ",}");

        Assert.True(folder.Read().IsValid, string.Join("\n", folder.ReadErrors()));
    }

    [Fact]
    public void A_missing_id_is_reported_as_a_missing_required_property()
    {
        var errors = ErrorsOf(m => m.Remove("id"));

        Assert.Equal("<plugin>/plugin.json: $: the required property \"id\" is missing", Assert.Single(errors));
        Snapshot.Match(errors);
    }

    [Fact]
    public void An_unknown_kind_names_the_allowed_kinds()
    {
        var errors = ErrorsOf(m => m["kind"] = "plugin");

        Assert.Contains("$.kind: \"plugin\" is not allowed; use one of \"script\" or \"assembly\"", Assert.Single(errors), StringComparison.Ordinal);
        Snapshot.Match(errors);
    }

    [Fact]
    public void An_id_with_capitals_and_underscores_is_refused()
    {
        var errors = ErrorsOf(m => m["id"] = "My_Plugin");

        Assert.Contains("$.id: \"My_Plugin\" must be 1 to 40 lower-case letters", Assert.Single(errors), StringComparison.Ordinal);
        Snapshot.Match(errors);
    }

    [Fact]
    public void An_unanchored_url_pattern_is_refused()
    {
        var errors = ErrorsOf(m => m["urlPatterns"] = new JsonArray(@"^https://www\.example\.com/watch$", @"example\.com/(?<id>\d+)"));

        Assert.Contains("$.urlPatterns[1]: \"example\\.com/(?<id>\\d+)\" must be anchored", Assert.Single(errors), StringComparison.Ordinal);
        Snapshot.Match(errors);
    }

    [Fact]
    public void A_top_level_alternation_that_unanchors_a_pattern_is_refused()
    {
        var errors = ErrorsOf(m => m["urlPatterns"] = new JsonArray(@"^https://a\.example\.com/x|https://b\.example\.com/y$"));

        Assert.Contains("$.urlPatterns[0]: has a top-level |", Assert.Single(errors), StringComparison.Ordinal);
        Snapshot.Match(errors);
    }

    [Fact]
    public void Alternations_inside_groups_and_classes_are_anchored_and_accepted()
    {
        using var folder = PluginFolder.Create(Mutated(m => m["urlPatterns"] = new JsonArray(
            @"^https://(?:a|b)\.example\.com/[|(]x$", @"^https://example\.com/(?<id>a|b(c|d))\|[]|]$")));

        Assert.True(folder.Read().IsValid, string.Join("\n", folder.ReadErrors()));
    }

    [Fact]
    public void A_pattern_ending_in_an_escaped_dollar_is_not_anchored()
    {
        var errors = ErrorsOf(m => m["urlPatterns"] = new JsonArray(@"^https://example\.com/price\$"));

        Assert.Contains("$.urlPatterns[0]: must end with an anchor $", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_that_does_not_compile_names_the_regex_error()
    {
        var errors = ErrorsOf(m => m["resolveRedirects"] = new JsonArray(@"^https://example\.com/(?<id>[0-9]+$"));

        Assert.Contains("$.resolveRedirects[0]: is not a valid .NET regular expression", Assert.Single(errors), StringComparison.Ordinal);
        Snapshot.Match(errors);
    }

    [Fact]
    public void A_version_that_is_not_semver_is_refused()
    {
        var errors = ErrorsOf(m => m["version"] = "1.0");

        Assert.Contains("$.version: \"1.0\" must be a SemVer version", Assert.Single(errors), StringComparison.Ordinal);
        Snapshot.Match(errors);
    }

    [Fact]
    public void A_misspelt_property_is_refused_with_a_suggestion()
    {
        var errors = ErrorsOf(m =>
        {
            m["urlPattern"] = m["urlPatterns"]!.DeepClone();
            m["limits"]!["timeout"] = 100;
        });

        Assert.Equal(2, errors.Count);
        Assert.Contains("$.limits.timeout: the property \"timeout\" is not allowed here; did you mean \"timeoutMs\"?", errors[0], StringComparison.Ordinal);
        Assert.Contains("$.urlPattern: the property \"urlPattern\" is not allowed here; did you mean \"urlPatterns\"?", errors[1], StringComparison.Ordinal);
        Snapshot.Match(errors);
    }

    [Fact]
    public void Text_that_is_not_json_names_the_line_and_position()
    {
        using var folder = PluginFolder.CreateRaw("{\n  \"id\": \"x\",\n  \"name\": oops\n}");

        var errors = folder.ReadErrors();

        Assert.StartsWith("<plugin>/plugin.json: $: not valid JSON at line 3, position 11", Assert.Single(errors), StringComparison.Ordinal);
        Snapshot.Match(errors);
    }

    [Fact]
    public void A_property_given_twice_is_refused()
    {
        using var folder = PluginFolder.CreateRaw("""{ "id": "a", "id": "b" }""");

        Assert.Contains("$.id: the property is defined twice", Assert.Single(folder.ReadErrors()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_given_twice_inside_a_section_is_named_by_its_path_line_and_position()
    {
        var text = PluginFolder.GoodManifest().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })
            .Replace("\"timeoutMs\": 5000,", "\"timeoutMs\": 5000,\n    \"timeoutMs\": 6000,", StringComparison.Ordinal);
        var lines = text.Split('\n');
        var line = Array.FindLastIndex(lines, l => l.Contains("\"timeoutMs\"", StringComparison.Ordinal)) + 1;
        using var folder = PluginFolder.CreateRaw(text);

        Assert.Equal($"<plugin>/plugin.json: $.limits.timeoutMs: the property is defined twice (line {line}, position 5); keep one", Assert.Single(folder.ReadErrors()));
    }

    [Fact]
    public void A_host_listed_twice_and_a_fixture_url_with_a_quote_are_named_exactly()
    {
        var errors = ErrorsOf(m =>
        {
            m["shortLinks"] = new JsonArray("ex.am", "ex.am");
            m["tests"]![1]!["fixtures"] = new JsonObject { ["https://www.example.com/it's"] = true };
        });

        Assert.Equal(
            ["<plugin>/plugin.json: $.shortLinks: lists the same value more than once",
             @"<plugin>/plugin.json: $.tests[1].fixtures['https://www.example.com/it\'s']: expected an object or a string, found true"],
            errors);
    }

    [Fact]
    public void A_folder_without_a_manifest_is_reported()
    {
        using var folder = PluginFolder.Create(PluginFolder.GoodManifest());
        File.Delete(Path.Combine(folder.Directory, ManifestReader.FileName));

        Assert.Equal("<plugin>/plugin.json: $: the plugin folder has no plugin.json", Assert.Single(folder.ReadErrors()));
        Assert.Null(folder.Read().Manifest);
    }

    [Fact]
    public void An_sdk_range_that_does_not_parse_is_refused()
    {
        var errors = ErrorsOf(m => m["sdk"] = "one point oh");

        Assert.Contains("$.sdk: \"one point oh\" is not an npm-style version range", Assert.Single(errors), StringComparison.Ordinal);
        Snapshot.Match(errors);
    }

    [Fact]
    public void A_type_on_a_script_plugin_is_refused()
    {
        var errors = ErrorsOf(m => m["type"] = "Example.Extractor");

        Assert.Contains("$.type: \"type\" is only for assembly plugins", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_host_names_are_refused_wherever_they_appear()
    {
        var errors = ErrorsOf(m =>
        {
            m["domains"] = new JsonArray("*", "Example.com");
            m["shortLinks"] = new JsonArray("bad host");
            m["normalize"]!["hostAliases"] = new JsonObject { ["M.Example.com"] = "www.example.com" };
            m["permissions"]!["network"] = new JsonArray("**.example.com");
        });

        Assert.Equal(3, errors.Count); // the alias key is only seen by the semantic pass, which runs once the schema passes
        Assert.Contains("$.domains[1]: \"Example.com\" must be a lower-case host name", errors[0], StringComparison.Ordinal);
        Snapshot.Match(errors);
    }

    [Fact]
    public void Any_host_permission_is_refused_to_a_platform_plugin_and_allowed_to_a_generic_one()
    {
        var platform = ErrorsOf(m => m["permissions"]!["network"] = new JsonArray("*"));
        var error = Assert.Single(platform);
        Assert.Contains("$.permissions.network[0]: \"*\" (any host) is allowed only for a generic plugin", error, StringComparison.Ordinal);

        using var generic = PluginFolder.Create(Mutated(m =>
        {
            m["domains"] = new JsonArray("*");
            m["permissions"]!["network"] = new JsonArray("*");
        }));
        Assert.True(generic.Read().IsValid, string.Join("; ", generic.ReadErrors()));
    }

    [Fact]
    public void Host_names_the_schema_cannot_judge_are_checked_after_it()
    {
        var errors = ErrorsOf(m =>
        {
            m["domains"] = new JsonArray("*", "example.com");
            m["normalize"]!["hostAliases"] = new JsonObject { ["M.Example.com"] = "www.example.com", ["www.example.com"] = "www.example.com" };
            m["shortLinks"] = new JsonArray(new string('a', 64) + ".com");
        });

        Assert.Equal(4, errors.Count);
        Snapshot.Match(errors);
    }

    [Fact]
    public void Limits_outside_their_range_and_wrong_types_are_refused()
    {
        var errors = ErrorsOf(m =>
        {
            m["limits"] = new JsonObject { ["timeoutMs"] = 5, ["memoryMb"] = 4096, ["maxStatements"] = "many" };
            m["settings"]!["list"] = new JsonArray(1, 2);
            m["priority"] = 1.5;
        });

        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.EndsWith("$.limits.timeoutMs: 5 is too small; the minimum is 100", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.EndsWith("$.settings.list: expected a boolean, a number or a string, found an array", StringComparison.Ordinal));
        Snapshot.Match(errors);
    }

    [Fact]
    public void Broken_tests_are_reported_with_their_index()
    {
        var errors = ErrorsOf(m => m["tests"] = new JsonArray(
            new JsonObject { ["url"] = "ftp://example.com/x", ["expect"] = new JsonObject { ["kind"] = "movie", ["titel"] = "x" } },
            new JsonObject { ["name"] = "no url", ["expect"] = new JsonObject { ["error"] = "NotFound" } },
            new JsonObject
            {
                ["url"] = "https://www.example.com/watch?v=dQw4w9WgXcQ",
                ["fixtures"] = new JsonObject { ["https://www.example.com/a"] = 5 },
                ["expect"] = new JsonObject(),
            }));

        Assert.Contains(errors, e => e.EndsWith("$.tests[1]: the required property \"url\" is missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.EndsWith("$.tests[2].fixtures['https://www.example.com/a']: expected an object or a string, found 5", StringComparison.Ordinal));
        Snapshot.Match(errors);
    }

    [Fact]
    public void A_fixture_with_two_bodies_or_a_relative_request_url_is_refused()
    {
        var errors = ErrorsOf(m => m["tests"]![1]!["fixtures"] = new JsonObject
        {
            ["https://www.example.com/a"] = new JsonObject { ["file"] = "fixtures/a.json", ["body"] = "{}" },
            ["/relative"] = "fixtures/b.html",
        });

        Assert.Equal(2, errors.Count);
        Snapshot.Match(errors);
    }

    [Fact]
    public void Several_problems_are_all_reported_in_document_order()
    {
        var errors = ErrorsOf(m =>
        {
            m["id"] = "-bad";
            m["kind"] = "dll";
            m.Remove("entry");
            m["urlPatterns"] = new JsonArray();
        });

        Assert.Equal(4, errors.Count);
        Snapshot.Match(errors);
    }

    [Fact]
    public void A_file_inside_the_current_directory_is_shown_by_its_relative_path()
    {
        var name = "manifest-relative-" + Guid.NewGuid().ToString("N")[..8];
        var directory = Path.Combine(Environment.CurrentDirectory, name);
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, ManifestReader.FileName), "[]");

            var error = Assert.Single(ManifestReader.Read(directory).Errors);

            Assert.Equal($"{name}/plugin.json: $: expected an object, found an array", error.ToString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static JsonObject Mutated(Action<JsonObject> change)
    {
        var manifest = PluginFolder.GoodManifest();
        change(manifest);
        return manifest;
    }

    private static IReadOnlyList<string> ErrorsOf(Action<JsonObject> change)
    {
        using var folder = PluginFolder.Create(Mutated(change));
        var result = folder.Read();
        Assert.False(result.IsValid);
        return folder.ReadErrors();
    }
}
