using System.Security.Cryptography;
using System.Text.Json;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.Plugins;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Cli;

/// <summary>The operator commands of the real executable, run as their own processes, with the exit codes the README documents.</summary>
public sealed class Running_the_operator_commands
{
    private static readonly string[] AllPlugins =
        ["bluesky", "dailymotion", "facebook", "generic", "instagram", "linkedin", "pinterest", "reddit", "snapchat", "streamable",
         "telegram", "threads", "tiktok", "twitch", "twitter", "vimeo", "youtube"];

    [Fact]
    public async Task Plugins_lists_every_plugin_of_the_repository_as_active_and_names_yt_dlp()
    {
        var result = await VideobotProcess.RunAsync(["plugins", "--json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var plugins = json.RootElement.GetProperty("plugins").EnumerateArray().ToList();
        Assert.Equal(AllPlugins, plugins.Select(p => p.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.All(plugins, p => Assert.Equal("Active", p.GetProperty("status").GetString()));
        Assert.Contains("assembly", plugins.Select(p => p.GetProperty("kind").GetString()));
        Assert.Contains("script", plugins.Select(p => p.GetProperty("kind").GetString()));
        var ytDlp = json.RootElement.GetProperty("ytDlp");
        Assert.True(ytDlp.GetProperty("found").GetBoolean());
        Assert.Matches(@"^\d{4}\.\d{2}\.\d{2}", ytDlp.GetProperty("version").GetString());
        Assert.Equal(ytDlp.GetProperty("version").GetString()![..10].Replace('.', '-'), ytDlp.GetProperty("releaseDate").GetString());
        Assert.True(ytDlp.GetProperty("releasedDaysAgo").GetInt32() >= 0);
        Assert.Contains(ytDlp.GetProperty("impersonation").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.True(ytDlp.TryGetProperty("jsRuntime", out _));
    }

    [Fact]
    public async Task Plugins_ends_with_the_yt_dlp_line_version_age_runtime_and_impersonation()
    {
        var result = await VideobotProcess.RunAsync(["plugins"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.Lines, l => l.StartsWith("yt-dlp: ", StringComparison.Ordinal));
        Assert.Matches(@"^yt-dlp: \d{4}\.\d{2}\.\d{2}\S* \(released (today|1 day ago|\d+ days ago); js runtime: (none|(deno|node|quickjs|bun) \S+); impersonation: (yes|no)\)$", line);
    }

    [Fact]
    public async Task Plugins_says_clearly_when_yt_dlp_is_missing_and_the_script_plugins_stay_active()
    {
        var result = await VideobotProcess.RunAsync(["plugins"], new Dictionary<string, string> { ["YtDlp__Path"] = "/nonexistent/yt-dlp" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("yt-dlp: not available (not found: install it with scripts/setup.sh or set YtDlp:Path)", result.Lines);
        Assert.Contains(result.Lines, l => l.Contains("yt-dlp is missing: plugins that hand links to yt-dlp fail", StringComparison.Ordinal) && l.Contains("script plugins still serve", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.StartsWith("bluesky ", StringComparison.Ordinal) && l.Contains(" Active ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Route_prints_the_plugin_and_normalized_url_and_exits_3_when_a_link_is_unclaimed()
    {
        var result = await VideobotProcess.RunAsync(
            ["route", "https://www.youtube.com/shorts/dQw4w9WgXcQ?feature=share", "https://www.tiktok.com/@scout2015/video/6718335390845095173?utm_source=x", "not a url"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            ["youtube\thttps://www.youtube.com/shorts/dQw4w9WgXcQ", "tiktok\thttps://www.tiktok.com/@scout2015/video/6718335390845095173", "none\tnot a url"],
            result.Lines);
    }

    [Fact]
    public async Task Every_url_form_in_the_readmes_platform_table_routes_to_its_plugin()
    {
        var expected = new List<(string Plugin, string Url)>();
        var readme = await File.ReadAllLinesAsync(Path.Combine(RepoPaths.Root, "README.md"));
        var table = readme.SkipWhile(l => l != "## Supported platforms").Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal));
        foreach (var row in table.Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = row.Split('|', StringSplitOptions.TrimEntries);
            var plugin = cells[1].Trim('`');
            expected.AddRange(cells[4].Split('`', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(url => (plugin, url)));
        }

        var result = await VideobotProcess.RunAsync(["route"], stdin: string.Join('\n', expected.Select(e => e.Url)) + "\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(17, expected.Select(e => e.Plugin).Distinct().Count());
        Assert.Equal(expected.Count, result.Lines.Length);
        Assert.Equal(expected.Select(e => $"{e.Plugin} {e.Url}"), result.Lines.Zip(expected, (line, e) => $"{line.Split('\t')[0]} {e.Url}"));
    }

    [Fact]
    public async Task Route_reads_urls_from_stdin_one_a_line()
    {
        var result = await VideobotProcess.RunAsync(["route"], stdin: "https://x.com/nasa/status/1234567890\nhttps://clips.twitch.tv/FaintLightGullWholeWheat\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["twitter", "twitch"], result.Lines.Select(l => l.Split('\t')[0]));
    }

    [Fact]
    public async Task Get_downloads_a_fixture_video_on_loopback_only_when_private_addresses_are_allowed()
    {
        var clip = await TestMedia.Mp4Async();
        await using var site = await FixtureSite.StartAsync(app => app.MapGet("/media/clip.mp4", () => FixtureSite.File(clip, "video/mp4")));
        var url = site.Url("/media/clip.mp4").AbsoluteUri;
        using var output = new TempFolder();

        var refused = await VideobotProcess.RunAsync(["get", url, "-o", output.Path], new Dictionary<string, string> { ["Network__AllowPrivateAddresses"] = "false" });
        var allowed = await VideobotProcess.RunAsync(["get", url, "-o", output.Path], new Dictionary<string, string> { ["Network__AllowPrivateAddresses"] = "true" });

        Assert.True(refused.ExitCode == 4, refused.ToString());
        Assert.Contains("private", refused.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        var saved = Assert.Single(allowed.Lines, l => l.StartsWith(output.Path, StringComparison.Ordinal));
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(clip)), SHA256.HashData(await File.ReadAllBytesAsync(saved)));
        Assert.Contains("/media/clip.mp4", site.Requests);
    }

    [Fact]
    public async Task Validate_reports_each_test_and_exits_1_for_a_broken_plugin()
    {
        using var broken = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(broken.Path, "plugin.json"), """{ "id": "Broken Id", "version": "1", "kind": "script", "entry": "../../../etc/passwd" }""");

        var good = await VideobotProcess.RunAsync(["validate", RepoPaths.Plugin("streamable")]);
        var bad = await VideobotProcess.RunAsync(["validate", broken.Path]);

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.Contains(good.Lines, l => l.StartsWith("pass", StringComparison.Ordinal) && l.Contains("A deleted video is not found", StringComparison.Ordinal));
        Assert.Equal(1, bad.ExitCode);
        var said = bad.Stdout + bad.Stderr;
        Assert.Contains("plugin.json: $.id: \"Broken Id\" must be", said, StringComparison.Ordinal);
        Assert.Contains("the required property \"urlPatterns\" is missing", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_names_a_request_with_no_fixture_and_the_tests_fixtures_to_add_it_to()
    {
        using var plugins = new TempPlugins();
        var streamable = RepoPaths.Plugin("streamable");
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(streamable, "plugin.json")))!.AsObject();
        manifest.Remove("$schema");
        manifest["tests"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = "A fixture was forgotten",
            ["url"] = "https://streamable.com/moo",
            ["fixtures"] = new System.Text.Json.Nodes.JsonObject(),
            ["expect"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "moo" },
        });
        var folder = plugins.Add("streamable", manifest, [(Path.Combine(streamable, "extractor.js"), "extractor.js")]);

        var result = await VideobotProcess.RunAsync(["validate", folder]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.Lines, l => l.Trim() == "extraction failed with Network: no fixture for GET https://api.streamable.com/videos/moo; add it to tests[0].fixtures");
    }

    [Fact]
    public async Task A_mistyped_command_exits_2_and_names_the_commands()
    {
        var result = await VideobotProcess.RunAsync(["pluginz"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown command 'pluginz'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("validate", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_config_file_exits_5_and_names_it()
    {
        var result = await VideobotProcess.RunAsync(["plugins", "--config", "/nonexistent/videobot.yaml"]);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("/nonexistent/videobot.yaml", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_the_bot_without_a_token_is_a_configuration_error_naming_the_setting()
    {
        var result = await VideobotProcess.RunAsync([]);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("Telegram:Token", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("TELEGRAM_BOT_TOKEN", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_reports_an_assembly_plugin_that_ends_the_process_in_its_tests_as_failed_instead_of_exiting_with_0()
    {
        using var plugins = new TempPlugins();
        var manifest = Path.Combine(plugins.AddTestAssembly("exiter", "ExitingExtractor", "exit.example"), "plugin.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).TrimEnd('}')
            + ",\"tests\":[{\"name\":\"exits\",\"url\":\"https://exit.example/1\",\"expect\":{\"id\":\"1\"}}]}");

        var result = await VideobotProcess.RunAsync(["validate", Path.GetDirectoryName(manifest)!]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("exiter 1.0.0 (assembly): FAIL: its manifest tests, run in a separate process, ended that process (exit code 0) before they finished",
            result.Stdout, StringComparison.Ordinal);
    }
}
