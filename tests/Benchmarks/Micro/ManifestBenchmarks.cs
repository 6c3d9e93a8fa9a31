using BenchmarkDotNet.Attributes;
using VideoBot.Host.Manifests;

namespace VideoBot.Benchmarks.Micro;

/// <summary>
/// Reading every plugin manifest of the repository (file, JSON, schema, semantic checks) against only parsing the same files
/// as JSON: what the schema validation and the checks add at start-up and on each hot swap.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class ManifestBenchmarks
{
    private string[] _folders = [];

    [GlobalSetup]
    public void Setup()
    {
        _folders = [.. Directory.GetDirectories(BenchPaths.Plugins).Where(d => File.Exists(Path.Combine(d, ManifestReader.FileName))).Order(StringComparer.Ordinal)];
        Read(); // the schema is parsed once per process, as in the host
    }

    [Benchmark(Baseline = true, Description = "parse as JSON (baseline)")]
    public int ParseOnly()
    {
        var properties = 0;
        foreach (var folder in _folders)
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ManifestReader.FileName)), new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
            properties += document.RootElement.GetPropertyCount();
        }

        return properties;
    }

    [Benchmark(Description = "read and validate every manifest")]
    public int Read()
    {
        var valid = 0;
        foreach (var folder in _folders)
        {
            valid += ManifestReader.Read(folder).IsValid ? 1 : 0;
        }

        return valid;
    }
}
