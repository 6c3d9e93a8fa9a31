using System.Text.Json.Nodes;
using VideoBot.Host.Manifests;

namespace VideoBot.Tests.Manifests;

/// <summary>
/// A real plugin folder in a fresh temp directory: a <c>plugin.json</c> and whatever files a test adds. Error messages are
/// reported with the temp paths replaced by stable names, so snapshots do not depend on where the test ran.
/// </summary>
internal sealed class PluginFolder : IDisposable
{
    private readonly string _root;

    private PluginFolder(string root)
    {
        _root = root;
        Directory = Path.Combine(root, "plugin");
        Outside = Path.Combine(root, "outside");
        System.IO.Directory.CreateDirectory(Directory);
        System.IO.Directory.CreateDirectory(Outside);
    }

    /// <summary>The plugin folder.</summary>
    public string Directory { get; }

    /// <summary>A sibling folder that is not part of the plugin, for escape attempts.</summary>
    public string Outside { get; }

    /// <summary>A valid script manifest that uses every section, as a mutable tree for tests to break.</summary>
    public static JsonObject GoodManifest() => new()
    {
        ["$schema"] = "../../plugin-manifest.schema.json",
        ["id"] = "example-video",
        ["name"] = "Example Video",
        ["version"] = "1.2.0-beta.1",
        ["sdk"] = "^1.0",
        ["kind"] = "script",
        ["entry"] = "extractor.js",
        ["description"] = "Videos from example.com, delegated to yt-dlp.",
        ["domains"] = new JsonArray("example.com", "www.example.com"),
        ["urlPatterns"] = new JsonArray(@"^https://www\.example\.com/watch\?v=(?<id>[A-Za-z0-9_-]{11})$", @"^https://www\.example\.com/(?:shorts|live)/(?<id>[A-Za-z0-9_-]{11})$"),
        ["priority"] = 10,
        ["normalize"] = new JsonObject
        {
            ["hostAliases"] = new JsonObject { ["m.example.com"] = "www.example.com" },
            ["keepQuery"] = new JsonArray("v", "t"),
        },
        ["shortLinks"] = new JsonArray("ex.am"),
        ["resolveRedirects"] = new JsonArray(@"^https://www\.example\.com/share/(?<code>[A-Za-z0-9]+)/?$"),
        ["permissions"] = new JsonObject { ["network"] = new JsonArray("www.example.com", "*.examplecdn.net") },
        ["limits"] = new JsonObject { ["timeoutMs"] = 5000, ["memoryMb"] = 16, ["maxStatements"] = 100_000, ["maxRecursion"] = 64, ["maxResponseKb"] = 2048 },
        ["settings"] = new JsonObject { ["playerClients"] = "mweb,web_safari", ["retries"] = 3, ["hd"] = true },
        ["ytDlp"] = new JsonObject
        {
            ["extractorArgs"] = new JsonObject { ["example"] = new JsonObject { ["client"] = new JsonArray("web") } },
        },
        ["tests"] = new JsonArray(
            new JsonObject
            {
                ["name"] = "a watch page delegates",
                ["url"] = "https://m.example.com/watch?v=dQw4w9WgXcQ&si=track",
                ["expect"] = new JsonObject { ["delegate"] = "https://www.example.com/watch?v=dQw4w9WgXcQ" },
            },
            new JsonObject
            {
                ["url"] = "https://www.example.com/shorts/dQw4w9WgXcQ",
                ["fixtures"] = new JsonObject
                {
                    ["https://www.example.com/api/v1?id=dQw4w9WgXcQ"] = "fixtures/short.json",
                    ["https://www.example.com/oembed"] = new JsonObject { ["status"] = 404, ["body"] = "gone", ["contentType"] = "text/plain" },
                },
                ["expect"] = new JsonObject { ["id"] = "dQw4w9WgXcQ", ["kind"] = "video", ["duration"] = 12.5, ["itemCount"] = 1 },
            }),
    };

    /// <summary>Creates a folder with <paramref name="manifest"/> and an entry file named like its <c>entry</c> when that is a plain name.</summary>
    public static PluginFolder Create(JsonObject manifest)
    {
        var folder = new PluginFolder(Path.Combine(Path.GetTempPath(), "videobot-manifest-" + Guid.NewGuid().ToString("N")));
        folder.WriteManifest(manifest.ToJsonString());
        folder.Write("extractor.js", "function extract(request) { return { delegate: 'yt-dlp', url: request.url }; }");
        return folder;
    }

    /// <summary>Creates a folder whose plugin.json holds exactly <paramref name="text"/>.</summary>
    public static PluginFolder CreateRaw(string text)
    {
        var folder = Create(GoodManifest());
        folder.WriteManifest(text);
        return folder;
    }

    public void WriteManifest(string text) => File.WriteAllText(Path.Combine(Directory, ManifestReader.FileName), text);

    public void Write(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public ManifestReadResult Read() => ManifestReader.Read(Directory);

    /// <summary>Reads the folder and returns the error lines with temp paths replaced by &lt;plugin&gt; and &lt;outside&gt;.</summary>
    public IReadOnlyList<string> ReadErrors() => [.. Read().Errors.Select(e => Stable(e.ToString()))];

    public string Stable(string text) => text.Replace(Directory, "<plugin>", StringComparison.Ordinal).Replace(Outside, "<outside>", StringComparison.Ordinal);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless; never fail a test over clean-up
        }
    }
}
