using System.Text;
using NetArchTest.Rules;

namespace VideoBot.Tests.Architecture;

/// <summary>
/// The house's spine (issue 17): the top-level folders of host/ use each other in one direction only. The cycles are read
/// from the compiled host assembly (see <see cref="FolderDependencyGraph"/>), so a fully qualified name or a var cannot
/// hide a dependency the way a missing using directive would; the direction is stated as layers and checked by NetArchTest.
/// </summary>
public sealed class FolderDependencyTests
{
    private const string Root = "VideoBot.Host.";

    private static readonly System.Reflection.Assembly Host = typeof(VideoBot.Host.Configuration.HostPaths).Assembly;

    private static readonly Lazy<FolderDependencyGraph> Graph = new(() => FolderDependencyGraph.Read(Host.Location));

    /// <summary>
    /// The folders from the bottom up: a folder uses only folders in its own layer or below. The basics; the plugins and
    /// their routing; extraction (scripts, yt-dlp); the cache; admission (limits, rate limits, slots, disk, the breaker);
    /// fetching; the plugin test kit and what runs it; the jobs; the job pipeline that answers a link (the conductor); the
    /// Telegram adapter at the edge; the composition root and the command line on top. A new folder must be placed here, which is the moment to decide where it belongs.
    /// </summary>
    private static readonly string[][] Layers =
    [
        ["Configuration", "Messages", "Media", "Manifests", "Observability"],
        ["Network"],
        ["Scripting"],
        ["Plugins"],
        ["Routing"],
        ["YtDlp"],
        ["Extraction"],
        ["Caching"],
        ["Admission"],
        ["Downloading", "Splitting"],
        ["PluginTesting"],
        ["PluginLifecycle"],
        ["Jobs"],
        ["Pipeline"],
        ["Telegram"],
        ["Hosting"],
        ["Cli"],
    ];

    [Fact]
    public void Top_level_folders_of_host_use_each_other_without_cycles()
    {
        var graph = Graph.Value;
        var cycles = graph.Cycles();
        if (cycles.Count == 0) return;

        var message = new StringBuilder("The folders of host/ form these cycles:\n");
        foreach (var cycle in cycles)
        {
            message.AppendLine($"- {string.Join(", ", cycle)}; the edges inside it:");
            foreach (var from in cycle)
                foreach (var to in graph.Uses(from).Where(cycle.Contains))
                    message.AppendLine($"    {from} -> {to} ({graph.Why(from, to)})");
        }
        message.Append("Break a cycle by moving the type to the folder it belongs to, or by a small interface in the lower folder ")
            .Append("that the higher one implements (as Jobs' IJobLinkRunner, which the pipeline implements, or the pipeline's ")
            .Append("Output/ interfaces, which the Telegram adapter implements).");
        Assert.Fail(message.ToString());
    }

    [Fact]
    public void Every_folder_of_host_has_its_place_in_the_layers()
    {
        var listed = Layers.SelectMany(l => l).ToHashSet(StringComparer.Ordinal);
        var unplaced = Graph.Value.Folders.Where(f => !listed.Contains(f)).ToList();
        var gone = listed.Where(f => !Graph.Value.Folders.Contains(f)).ToList();
        Assert.True(unplaced.Count == 0, $"Place these folders in the layers: {string.Join(", ", unplaced)}");
        Assert.True(gone.Count == 0, $"These folders are listed in the layers but hold no code: {string.Join(", ", gone)}");
    }

    [Fact]
    public void No_folder_of_host_uses_one_in_a_layer_above_it()
    {
        var failures = new List<string>();
        for (var layer = 0; layer < Layers.Length; layer++)
        {
            var above = Layers.Skip(layer + 1).SelectMany(l => l).Select(f => Root + f).ToArray();
            if (above.Length == 0) continue;
            foreach (var folder in Layers[layer])
            {
                var result = Types.InAssembly(Host).That().ResideInNamespace(Root + folder)
                    .ShouldNot().HaveDependencyOnAny(above).GetResult();
                if (!result.IsSuccessful)
                    failures.Add($"{folder}: {string.Join(", ", result.FailingTypeNames ?? [])}");
            }
        }

        Assert.True(failures.Count == 0, "These types use a folder in a layer above their own:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void The_job_pipeline_speaks_to_the_messenger_only_through_its_own_interfaces()
    {
        // The adapter depends on the pipeline, never the reverse: status messages, replies and uploads go through
        // Pipeline/Output's interfaces, which Telegram/Output implements.
        var result = Types.InAssembly(Host).That().ResideInNamespace(Root + "Pipeline")
            .ShouldNot().HaveDependencyOnAny(Root + "Telegram", "Telegram.Bot").GetResult();
        Assert.True(result.IsSuccessful,
            "These pipeline types use the Telegram adapter or Telegram.Bot:\n" + string.Join("\n", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Only_the_telegram_adapter_and_the_composition_root_use_the_bot_api_library()
    {
        // Every folder below the adapter reaches the user through interfaces it owns (Pipeline/Output, Jobs'
        // ILeftoverMessages); Hosting wires the client and asks it in the readiness check, Cli runs the host.
        var result = Types.InAssembly(Host).That()
            .DoNotResideInNamespace(Root + "Telegram").And().DoNotResideInNamespace(Root + "Hosting").And().DoNotResideInNamespace(Root + "Cli")
            .ShouldNot().HaveDependencyOn("Telegram.Bot").GetResult();
        Assert.True(result.IsSuccessful,
            "These types below the Telegram adapter use Telegram.Bot:\n" + string.Join("\n", result.FailingTypeNames ?? []));
    }
}
