using System.Text.RegularExpressions;
using VideoBot.Tests.Plugins;
using YamlDotNet.RepresentationModel;

namespace VideoBot.Tests.Contrib;

/// <summary>Reads the deployment files the way their tools do, enough to cross-check them: nothing here is built or run.</summary>
internal static partial class DeploymentFiles
{
    public static string PathOf(string relative) => Path.Combine(RepoPaths.Root, relative);

    /// <summary>A Dockerfile as (stage, instruction, arguments), continuation lines joined and comments dropped.</summary>
    public static List<(int Stage, string Instruction, string Arguments)> Dockerfile(string relative)
    {
        var result = new List<(int, string, string)>();
        var stage = -1;
        var pending = "";
        foreach (var raw in File.ReadLines(PathOf(relative)))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var full = (pending + line).Trim();
            pending = "";
            var space = full.IndexOf(' ', StringComparison.Ordinal);
            var instruction = full[..space].ToUpperInvariant();
            if (instruction == "FROM")
            {
                stage++;
            }

            result.Add((stage, instruction, full[(space + 1)..].Trim()));
        }

        return result;
    }

    /// <summary><c>ENV A=1 B=2</c> (and <c>ENV A 1</c>) of one stage, in order.</summary>
    public static Dictionary<string, string> Env(IEnumerable<(int Stage, string Instruction, string Arguments)> lines, int stage)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, _, arguments) in lines.Where(l => l.Stage == stage && l.Instruction == "ENV"))
        {
            var pairs = EnvPair().Matches(arguments);
            if (pairs.Count == 0)
            {
                var parts = arguments.Split(' ', 2);
                env[parts[0]] = parts[1];
                continue;
            }

            foreach (Match pair in pairs)
            {
                env[pair.Groups[1].Value] = pair.Groups[2].Value.Trim('"');
            }
        }

        return env;
    }

    public static YamlMappingNode Yaml(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(PathOf(relative));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlNode? Child(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static string? Scalar(this YamlNode node, string key) => (node.Child(key) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode? node) => node is YamlSequenceNode sequence ? sequence.Children : [];

    /// <summary>A compose environment block, as a map or as a list of <c>NAME=value</c>.</summary>
    public static Dictionary<string, string> ComposeEnvironment(YamlNode service)
    {
        return service.Child("environment") switch
        {
            YamlMappingNode map => map.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value ?? ""),
            YamlSequenceNode list => list.Children.Select(c => ((YamlScalarNode)c).Value!.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : ""),
            _ => [],
        };
    }

    /// <summary>A systemd unit's sections, each as a list of (key, value), since keys such as Environment repeat.</summary>
    public static Dictionary<string, List<KeyValuePair<string, string>>> Unit(string relative)
    {
        var sections = new Dictionary<string, List<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        List<KeyValuePair<string, string>>? current = null;
        foreach (var raw in File.ReadLines(PathOf(relative)))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = sections[line[1..^1]] = [];
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            current!.Add(new(line[..equals].Trim(), line[(equals + 1)..].Trim()));
        }

        return sections;
    }

    /// <summary>The port of an http URL, or of <c>host:port</c>.</summary>
    public static int Port(string url) => int.Parse(PortPattern().Match(url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)")]
    private static partial Regex EnvPair();

    [GeneratedRegex(@":(\d+)(?:/|$)")]
    private static partial Regex PortPattern();
}
