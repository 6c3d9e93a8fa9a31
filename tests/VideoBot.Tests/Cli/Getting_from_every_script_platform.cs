using System.Security.Cryptography;
using System.Text.Json;
using VideoBot.Host.Manifests;
using VideoBot.Host.Network;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.Plugins;
using VideoBot.Tests.Support;
using VideoBot.Host.PluginTesting;

namespace VideoBot.Tests.Cli;

/// <summary>
/// <c>videobot get</c>, the real executable, on every platform whose extractor does the work itself (JavaScript, and the vimeo
/// assembly): the platform's API or page is its recorded fixture, its CDN serves real media, both on loopback behind
/// <c>Network:OriginOverrides</c>, so the extractor runs exactly as it would against the site.
/// </summary>
public sealed class Getting_from_every_script_platform
{
    public static TheoryData<string> Platforms => new(["streamable", "reddit", "dailymotion", "twitch", "bluesky", "telegram", "threads", "snapchat", "pinterest", "vimeo"]);

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Get_saves_the_platforms_video_from_its_replayed_site(string pluginId)
    {
        var folder = RepoPaths.Plugin(pluginId);
        var manifest = ManifestReader.Read(folder).Manifest!;
        var test = manifest.Tests.First(t => t.Expect.TryGetValue("kind", out var kind) && kind.GetString() == "video" && !t.Expect.ContainsKey("error"));
        await using var site = await PlatformReplaySite.StartAsync(folder, test.Fixtures);
        var environment = new Dictionary<string, string> { ["Network__AllowPrivateAddresses"] = "true" };
        foreach (var origin in test.Fixtures.Keys.Concat(PlaylistUrls(folder, test.Fixtures)).Select(Origin))
        {
            environment[$"Network__OriginOverrides__{origin}"] = site.Target;
        }

        var described = await VideobotProcess.RunAsync(["extract", test.Url, "--json"], environment);
        Assert.True(described.ExitCode == 0, described.ToString());
        // The media lives on the platform's CDN hosts: send those to the replay too, as the fixtures' origins are.
        foreach (var origin in UrlsIn(JsonDocument.Parse(described.Stdout).RootElement).Select(Origin))
        {
            environment[$"Network__OriginOverrides__{origin}"] = site.Target;
        }

        using var output = new TempFolder();
        var got = await VideobotProcess.RunAsync(["get", test.Url, "-o", output.Path], environment);

        Assert.True(got.ExitCode == 0, got.ToString());
        var saved = got.Lines.Where(l => l.StartsWith('/')).ToArray();
        Assert.NotEmpty(saved);
        Assert.All(saved, path => Assert.StartsWith(output.Path, path, StringComparison.Ordinal));
        Assert.NotEmpty(site.MediaRequests);
        var bytes = await File.ReadAllBytesAsync(saved[0]);
        if (site.MediaRequests.Any(r => r.Contains(".m3u8", StringComparison.Ordinal)))
        {
            // An HLS stream is remuxed into an MP4 of its own.
            Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
        }
        else
        {
            Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(site.ClipPath)), SHA256.HashData(bytes));
        }
    }

    private static string Origin(string url) => new Uri(url).GetLeftPart(UriPartial.Authority);

    /// <summary>The renditions a recorded HLS master names: the downloader reads them from the platform's CDN hosts.</summary>
    private static IEnumerable<string> PlaylistUrls(string folder, IReadOnlyDictionary<string, JsonElement> fixtures)
    {
        var problems = new List<string>();
        foreach (var fixture in FixtureParser.Parse(folder, fixtures, "fixtures", problems).Values)
        {
            if (fixture.FilePath is { } path && path.EndsWith(".m3u8", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var line in File.ReadLines(path).Where(l => l.StartsWith("http", StringComparison.Ordinal)))
                {
                    yield return line;
                }
            }
        }
    }

    private static IEnumerable<string> UrlsIn(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => UrlsIn(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(UrlsIn),
        JsonValueKind.String when Uri.TryCreate(element.GetString(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" => [element.GetString()!],
        _ => [],
    };
}
