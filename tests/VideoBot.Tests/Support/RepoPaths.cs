using System.Runtime.CompilerServices;

namespace VideoBot.Tests.Support;

/// <summary>Folders of this repository, found from this source file (which always sits below Plugins.sln).</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootFolder = new(() => Find());

    /// <summary>The folder holding Plugins.sln.</summary>
    public static string Root => RootFolder.Value;

    /// <summary>The repository's plugins/ folder.</summary>
    public static string Plugins => Path.Combine(Root, "plugins");

    /// <summary>The repository's config.yaml.</summary>
    public static string Config => Path.Combine(Root, "config.yaml");

    private static string Find([CallerFilePath] string source = "")
    {
        for (var dir = Path.GetDirectoryName(source); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Plugins.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("Plugins.sln not found above " + source);
    }
}
