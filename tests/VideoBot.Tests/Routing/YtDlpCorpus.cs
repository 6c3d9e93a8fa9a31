using VideoBot.Tests.Plugins;

namespace VideoBot.Tests.Routing;

/// <summary>One link of the corpus: the platform (plugin id) whose yt-dlp extractor's tests hold it.</summary>
internal sealed record CorpusLink(string Platform, string Extractor, string Url);

/// <summary>A link of the corpus deliberately not routed to its platform, and why.</summary>
internal sealed record ExcludedLink(string Url, string Reason);

/// <summary>
/// The checked-in corpus of yt-dlp's test links (<c>ytdlp-urls.tsv</c>, written by <c>scripts/routing-corpus.py</c>) and
/// the links of it deliberately left to the generic plugin (<c>ytdlp-excluded.tsv</c>), read from the source tree.
/// </summary>
internal static class YtDlpCorpus
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "VideoBot.Tests", "Routing");

    public static string CorpusPath => Path.Combine(Folder, "ytdlp-urls.tsv");

    public static string ExclusionsPath => Path.Combine(Folder, "ytdlp-excluded.tsv");

    /// <summary>The header's first line: the yt-dlp version the corpus was read from.</summary>
    public static string Header => File.ReadLines(CorpusPath).First();

    public static IReadOnlyList<CorpusLink> Links() =>
        [.. Rows(CorpusPath, 3).Select(cells => new CorpusLink(cells[0], cells[1], cells[2]))];

    public static IReadOnlyList<ExcludedLink> Exclusions() =>
        [.. Rows(ExclusionsPath, 2).Select(cells => new ExcludedLink(cells[0], cells[1]))];

    /// <summary>The tab-separated rows of a file, without its <c>#</c> comments and blank lines; each must have <paramref name="columns"/> cells.</summary>
    private static IEnumerable<string[]> Rows(string path, int columns)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split('\t');
            if (cells.Length != columns || cells.Any(c => c.Trim().Length == 0))
            {
                throw new InvalidDataException($"{Path.GetFileName(path)}:{number}: expected {columns} non-empty tab-separated cells, got \"{line}\"");
            }

            yield return cells;
        }
    }
}
