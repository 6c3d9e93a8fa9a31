using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Tests.Plugins;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Contrib;

/// <summary>
/// <c>videobot record</c> against a loopback site standing in for example.com (through <c>Network:OriginOverrides</c>), with the
/// script plugin template as the plugin: what it saves must replay offline through <c>videobot validate</c>.
/// </summary>
public sealed class Recording_fixtures : IAsyncLifetime, IDisposable
{
    private const string Page = """
        <html><head>
        <meta property="og:title" content="Sunset over the harbour">
        <meta name="author" content="Ana Pop">
        <meta property="og:video" content="https://example.com/media/sunset1.mp4">
        <meta property="og:video:width" content="640"><meta property="og:video:height" content="360">
        <meta property="og:url" content="https://example.com/videos/sunset1">
        </head><body>sunset</body></html>
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("videobot-record-").FullName;
    private FixtureSite _site = null!;

    private string PluginDir => Path.Combine(_root, "plugins", "example-plugin");

    private string Config => Path.Combine(_root, "config.yaml");

    public async Task InitializeAsync()
    {
        _site = await FixtureSite.StartAsync(app =>
        {
            app.MapGet("/videos/sunset1", () => Results.Content(Page, "text/html; charset=utf-8"));
            app.MapGet("/videos/sunset2", (HttpContext c) =>
            {
                c.Response.Headers.Append("Set-Cookie", "loid=0001; Domain=example.com; Path=/");
                return Results.Content(Page, "text/html; charset=utf-8");
            });
            app.MapGet("/videos/busy", (HttpContext c) =>
            {
                c.Response.Headers.RetryAfter = "30";
                return Results.StatusCode(429);
            });
        });
        CopyTemplate(Path.Combine(RepoPaths.Root, "templates", "videobot-script-plugin"), PluginDir);
        await File.WriteAllTextAsync(Config, $"""
            Plugins:
              Directory: plugins
            Storage:
              Directory: data
            Network:
              AllowPrivateAddresses: true
              OriginOverrides:
                "https://example.com": "{_site.BaseUrl.GetLeftPart(UriPartial.Authority)}"
            """);
    }

    [Fact]
    public async Task A_recorded_page_becomes_a_fixture_and_a_test_that_passes_offline()
    {
        var recorded = await Record("https://www.example.com/videos/sunset1", "--name", "A sunset");
        await _site.DisposeAsync(); // from here on, only the recording can answer
        _site = null!;

        var test = JsonNode.Parse(recorded.Stdout)!.AsObject();
        var fixture = test["fixtures"]!["https://example.com/videos/sunset1"]!.GetValue<string>();
        var expect = test["expect"]!;
        Assert.True(recorded.ExitCode == 0, recorded.ToString());
        Assert.Equal("fixtures/example-com-videos-sunset1.html", fixture);
        Assert.Equal(Page, await File.ReadAllTextAsync(Path.Combine(PluginDir, fixture)));
        Assert.Equal("Sunset over the harbour", expect["title"]!.GetValue<string>());
        Assert.Equal("Ana Pop", expect["uploader"]!.GetValue<string>());
        Assert.Equal(640, expect["width"]!.GetValue<int>());
        Assert.True(test["recorded"]!.GetValue<bool>());
        Assert.Equal(test.ToJsonString(), JsonNode.Parse(File.ReadAllText(Path.Combine(PluginDir, "fixtures", "example-com-videos-sunset1.test.json")))!.ToJsonString());

        AddTest(test);
        var validated = await CliProcess.VideobotAsync(_root, null, "validate", PluginDir, "--config", Config);
        Assert.True(validated.ExitCode == 0, validated.ToString());
        Assert.Contains("4/4 tests passed (1 recorded, 3 hand-written)", validated.Stdout, StringComparison.Ordinal);
        Assert.Contains("pass  A sunset", validated.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limited_answer_is_recorded_with_its_status_and_retry_after_and_the_test_expects_the_error()
    {
        var recorded = await Record("https://example.com/videos/busy");

        var test = JsonNode.Parse(recorded.Stdout)!;
        var entry = test["fixtures"]!["https://example.com/videos/busy"]!;
        Assert.Equal(1, recorded.ExitCode);
        Assert.Contains("failed with RateLimited", recorded.Stderr, StringComparison.Ordinal);
        Assert.Equal(429, entry["status"]!.GetValue<int>());
        Assert.Equal("30", entry["headers"]!["Retry-After"]!.GetValue<string>());
        Assert.Equal("RateLimited", test["expect"]!["error"]!.GetValue<string>());

        AddTest(test.AsObject());
        var validated = await CliProcess.VideobotAsync(_root, null, "validate", PluginDir, "--config", Config);
        Assert.True(validated.ExitCode == 0, validated.ToString());
    }

    [Fact]
    public async Task The_cookies_a_site_sets_are_recorded_with_its_answer_for_the_replay()
    {
        var recorded = await Record("https://example.com/videos/sunset2");

        var entry = JsonNode.Parse(recorded.Stdout)!["fixtures"]!["https://example.com/videos/sunset2"]!;
        Assert.True(recorded.ExitCode == 0, recorded.ToString());
        Assert.Equal("fixtures/example-com-videos-sunset2.html", entry["file"]!.GetValue<string>());
        Assert.Equal("loid=0001; Domain=example.com; Path=/", entry["headers"]!["Set-Cookie"]!.GetValue<string>());
    }

    [Fact]
    public async Task Recording_the_same_link_twice_keeps_the_first_files()
    {
        await Record("https://example.com/videos/sunset1");
        await File.WriteAllTextAsync(Path.Combine(PluginDir, "fixtures", "example-com-videos-sunset1.html"), "edited by hand");
        var second = await Record("https://example.com/videos/sunset1");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("fixtures/example-com-videos-sunset1-2.html", JsonNode.Parse(second.Stdout)!["fixtures"]!["https://example.com/videos/sunset1"]!.GetValue<string>());
        Assert.Equal("edited by hand", await File.ReadAllTextAsync(Path.Combine(PluginDir, "fixtures", "example-com-videos-sunset1.html")));
        Assert.True(File.Exists(Path.Combine(PluginDir, "fixtures", "example-com-videos-sunset1.test-2.json")));
    }

    [Fact]
    public async Task A_link_no_plugin_claims_is_refused_with_exit_code_3_and_nothing_is_written()
    {
        var recorded = await Record("https://unclaimed.example.org/v/1");

        Assert.Equal(3, recorded.ExitCode);
        Assert.Contains("UnsupportedUrl", recorded.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(PluginDir, "fixtures")).Length); // the template's own two
    }

    [Fact]
    public async Task Without_allowing_private_addresses_the_loopback_site_is_refused()
    {
        var recorded = await CliProcess.VideobotAsync(_root, new Dictionary<string, string> { ["Network__AllowPrivateAddresses"] = "false" },
            "record", "https://example.com/videos/sunset1", "--config", Config);

        Assert.NotEqual(0, recorded.ExitCode);
        Assert.Contains("AllowPrivateAddresses is false", recorded.Stderr, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Task<ProcessOutput> Record(string url, params string[] more) =>
        CliProcess.VideobotAsync(_root, null, ["record", url, "--config", Config, .. more]);

    /// <summary>Appends a recorded test to the plugin's manifest, as the contributor pastes it.</summary>
    private void AddTest(JsonObject test)
    {
        var path = Path.Combine(PluginDir, "plugin.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        manifest["tests"]!.AsArray().Add(JsonNode.Parse(test.ToJsonString()));
        File.WriteAllText(path, manifest.ToJsonString());
    }

    internal static void CopyTemplate(string template, string target)
    {
        foreach (var file in Directory.EnumerateFiles(template, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(template, file);
            if (relative.StartsWith(".template.config", StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }
    }
}
