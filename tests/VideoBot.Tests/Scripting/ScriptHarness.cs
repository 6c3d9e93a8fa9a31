using System.Text.Json;
using VideoBot.Host.Scripting;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Tests.Scripting;

/// <summary>Writes scripts to a temporary plugin folder and runs them through <see cref="ScriptExtractor"/>.</summary>
internal sealed class ScriptHarness : IDisposable
{
    /// <summary>A script that always succeeds: the proof that the host goes on serving after a hostile one.</summary>
    public const string NormalScript = """
        function extract(request) {
          return { id: request.match.id ?? "1", items: [{ formats: [{ url: "https://cdn.example.com/v.mp4" }] }] };
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("videobot-scripts-").FullName;
    private int _count;

    public static ExtractionRequest Request(string url = "https://example.com/p/42", string id = "42") =>
        new(new Uri(url), url, new Dictionary<string, string> { ["id"] = id });

    /// <summary>Small but real limits, so hostile scripts fail fast.</summary>
    public static ScriptLimits Limits(int timeoutMs = 3_000, int memoryMb = 32, int statements = 5_000_000, int recursion = 128, long maxResponseBytes = 1024 * 1024) =>
        new(TimeSpan.FromMilliseconds(timeoutMs), memoryMb * 1024L * 1024, statements, recursion, maxResponseBytes);

    public ScriptExtractor Load(string source, ScriptLimits? limits = null, string pluginId = "test")
    {
        var path = Path.Combine(_folder, $"script-{Interlocked.Increment(ref _count)}.js");
        File.WriteAllText(path, source);
        return new ScriptExtractor(pluginId, path, limits ?? Limits());
    }

    public Task<ExtractionResult> RunAsync(string source, IExtractionContext context, ScriptLimits? limits = null, ExtractionRequest? request = null, CancellationToken cancellationToken = default) =>
        Load(source, limits).ExtractAsync(request ?? Request(), context, cancellationToken);

    /// <summary>Runs a script whose extract() runs <paramref name="body"/> and reports <c>report</c> (any data) through the post's title.</summary>
    public async Task<JsonElement> ReportAsync(string body, IExtractionContext context, ScriptLimits? limits = null)
    {
        var script = $$"""
            async function extract(request) {
            {{body}}
              return { id: "1", title: JSON.stringify(report), items: [{ formats: [{ url: "https://cdn.example.com/v.mp4" }] }] };
            }
            """;
        var result = await RunAsync(script, context, limits);
        return JsonDocument.Parse(result.Post!.Title!).RootElement.Clone();
    }

    /// <summary>Runs a hostile script, expects a PluginFault whose message holds <paramref name="expected"/>, then proves a normal run still works.</summary>
    public async Task<ExtractionException> AssertFaultThenServesAsync(string source, string expected, IExtractionContext context, ScriptLimits? limits = null)
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => RunAsync(source, context, limits));
        Assert.Equal(ExtractionErrorKind.PluginFault, failure.Kind);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);

        var next = await RunAsync(NormalScript, context, limits);
        Assert.Equal("42", next.Post!.Id);
        return failure;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
