using System.Text;
using VideoBot.Host.Configuration;

namespace VideoBot.Tests.Architecture;

/// <summary>
/// The house's spine (issue 17): the top-level folders of host/ use each other in one direction only. The graph is read
/// from the compiled host assembly (see <see cref="FolderDependencyGraph"/>), so a fully qualified name or a var cannot
/// hide a dependency the way a missing using directive would.
/// </summary>
public sealed class FolderDependencyTests
{
    private static readonly Lazy<FolderDependencyGraph> Graph =
        new(() => FolderDependencyGraph.Read(typeof(VideoBot.Host.Configuration.HostPaths).Assembly.Location));

    /// <summary>
    /// The knots of folders that still use each other, not untied yet (issue 17's remaining work). The test fails when a
    /// new knot appears, when a folder joins one, and also when one shrinks, so that this list only ever gets shorter.
    /// </summary>
    private static readonly string[][] KnotsNotYetUntied =
    [
        ["Jobs", "Telegram"],
    ];

    [Fact]
    public void Top_level_folders_of_host_use_each_other_without_cycles_beyond_the_listed_knots()
    {
        var graph = Graph.Value;
        var found = graph.Cycles().Select(c => string.Join(" ", c)).Order(StringComparer.Ordinal).ToList();
        var known = KnotsNotYetUntied.Select(k => string.Join(" ", k.Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
        if (found.SequenceEqual(known)) return;

        var message = new StringBuilder("The folders of host/ form these cycles:\n");
        foreach (var cycle in graph.Cycles())
        {
            message.AppendLine($"- {string.Join(", ", cycle)}; the edges inside it:");
            foreach (var from in cycle)
                foreach (var to in graph.Uses(from).Where(cycle.Contains))
                    message.AppendLine($"    {from} -> {to} ({graph.Why(from, to)})");
        }
        message.AppendLine($"Listed as not yet untied: {(known.Count == 0 ? "none" : string.Join(" | ", known))}.");
        message.Append("Break a new cycle by moving the type to the folder it belongs to, or by an interface in the lower folder; ")
            .Append("when a listed knot shrinks, shorten the list.");
        Assert.Fail(message.ToString());
    }
}
