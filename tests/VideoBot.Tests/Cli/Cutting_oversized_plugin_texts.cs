using VideoBot.Tests.Plugins;

namespace VideoBot.Tests.Cli;

/// <summary>
/// A plugin's texts are capped where they enter the host: a 10 MB title or fail() message comes out of <c>videobot extract</c>
/// cut, with the cut marked, and nothing the command prints (output or log) carries the 10 MB.
/// </summary>
public sealed class Cutting_oversized_plugin_texts : IDisposable
{
    private readonly TempPlugins _plugins = new();

    public void Dispose() => _plugins.Dispose();

    private void AddScript(string id, string body)
    {
        var folder = _plugins.Add(id, new
        {
            id,
            name = id,
            version = "1.0.0",
            sdk = "^1.0",
            kind = "script",
            entry = "extractor.js",
            domains = new[] { id + ".example" },
            urlPatterns = new[] { $"^https://{id}\\.example/(?<id>[a-z0-9]+)$" },
            limits = new { memoryMb = 64 },
        });
        File.WriteAllText(Path.Combine(folder, "extractor.js"), "async function extract(request) {\n" + body + "\n}\n");
    }

    private Task<VideobotProcess.Result> ExtractAsync(string url) =>
        VideobotProcess.RunAsync(["extract", url], new Dictionary<string, string> { ["Plugins__Directory"] = _plugins.Directory });

    [Fact]
    public async Task A_10_MB_title_is_cut_with_a_mark_in_the_commands_output_and_log()
    {
        AddScript("bigtitle", """
            return { id: request.match.id, title: "T" + "x".repeat(10 * 1024 * 1024),
                     items: [{ kind: "video", formats: [{ url: "https://bigtitle.example/v.mp4", container: "mp4" }] }] };
            """);

        var result = await ExtractAsync("https://bigtitle.example/a1");

        Assert.True(result.ExitCode == 0, result.ToString()[..Math.Min(result.ToString().Length, 4000)]);
        var title = Assert.Single(result.Lines, l => l.StartsWith("title", StringComparison.Ordinal));
        Assert.EndsWith("x…[cut 10 MB]", title, StringComparison.Ordinal);
        Assert.True(result.Stdout.Length + result.Stderr.Length < 64 * 1024, $"printed {result.Stdout.Length + result.Stderr.Length} characters");
    }

    [Fact]
    public async Task A_10_MB_fail_message_is_cut_with_a_mark_in_the_commands_error_and_log()
    {
        AddScript("bigfail", """fail("NotFound", "gone " + "y".repeat(10 * 1024 * 1024));""");

        var result = await ExtractAsync("https://bigfail.example/a1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("NotFound: script 'bigfail': gone yyy", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("y…[cut 10 MB]", result.Stderr, StringComparison.Ordinal);
        Assert.True(result.Stdout.Length + result.Stderr.Length < 64 * 1024, $"printed {result.Stdout.Length + result.Stderr.Length} characters");
    }
}
