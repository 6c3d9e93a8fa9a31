using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoBot.Tests.Observability;

/// <summary>A parser of the Prometheus text exposition format, enough to read samples back: <c>name{label="v",...} value</c>.</summary>
internal sealed partial class PrometheusText
{
    private readonly List<Sample> _samples = [];
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    private PrometheusText()
    {
    }

    public IReadOnlyList<Sample> Samples => _samples;

    public static PrometheusText Parse(string text)
    {
        var parsed = new PrometheusText();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                parsed._types[parts[2]] = parts[3];
                continue;
            }

            if (line[0] == '#')
            {
                continue;
            }

            var match = SampleLine().Match(line);
            if (!match.Success)
            {
                throw new FormatException($"Not a Prometheus sample line: {line}");
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in Label().Matches(match.Groups["labels"].Value))
            {
                labels[label.Groups[1].Value] = label.Groups[2].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }

            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            parsed._samples.Add(new Sample(match.Groups["name"].Value, labels, value));
        }

        return parsed;
    }

    public string? TypeOf(string metric) => _types.GetValueOrDefault(metric);

    /// <summary>The value of the one sample of <paramref name="name"/> with these labels (others may be present), or null.</summary>
    public double? Value(string name, params (string Name, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Name) == l.Value))
            .Select(s => (double?)s.Value).SingleOrDefault();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();

    internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}
