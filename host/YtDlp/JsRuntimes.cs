using System.Globalization;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;

namespace VideoBot.Host.YtDlp;

/// <summary>A JavaScript runtime yt-dlp can use for YouTube's player scripts: its yt-dlp name, version and full path.</summary>
internal sealed record JsRuntime(string Name, string Version, string Path)
{
    /// <summary>The value of <c>--js-runtimes</c>: <c>NAME:PATH</c>, so yt-dlp uses exactly the one found here.</summary>
    public string Argument => $"{Name}:{Path}";
}

/// <summary>
/// Finds a JavaScript runtime on PATH the way yt-dlp judges them (its <c>utils/_jsruntime.py</c>): deno ≥ 2.0, node ≥ 20,
/// quickjs ≥ 2023-12-09 (any quickjs-ng), bun ≥ 1.0.31, in yt-dlp's order of preference.
/// </summary>
internal static partial class JsRuntimes
{
    private static readonly Candidate[] Known =
    [
        new("deno", "deno", "--version", [2, 0, 0]),
        new("node", "node", "--version", [20, 0, 0]),
        new("quickjs", "qjs", "--help", [2023, 12, 9]),
        new("bun", "bun", "--version", [1, 0, 31]),
    ];

    /// <summary>The first usable runtime on PATH, or null.</summary>
    public static async Task<JsRuntime?> DetectAsync(CancellationToken cancellationToken)
    {
        foreach (var candidate in Known)
        {
            if (ExecutableLocator.Resolve(candidate.Executable) is not { } path)
            {
                continue;
            }

            string output;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                // quickjs has no --version and its --help exits with 1: the exit code says nothing here.
                var result = await global::CliWrap.Cli.Wrap(path).WithArguments([candidate.Argument])
                    .WithStandardInputPipe(PipeSource.Null).WithValidation(CommandResultValidation.None)
                    .ExecuteBufferedAsync(timeout.Token).ConfigureAwait(false);
                output = result.StandardOutput + "\n" + result.StandardError;
            }
            catch (Exception e) when (e is OperationCanceledException or System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }

            if (Usable(candidate.Name, output) is { } version)
            {
                return new JsRuntime(candidate.Name, version, path);
            }
        }

        return null;
    }

    /// <summary>The version in <paramref name="output"/> (the runtime's <c>--version</c>, or <c>--help</c> for quickjs), when it is recent enough for yt-dlp.</summary>
    public static string? Usable(string name, string output)
    {
        var candidate = Known.FirstOrDefault(k => k.Name == name) ?? throw new ArgumentException($"Unknown runtime '{name}'.", nameof(name));
        var match = (name switch
        {
            "deno" => DenoVersion(),
            "node" => NodeVersion(),
            "quickjs" => QuickJsVersion(),
            _ => BunVersion(),
        }).Match(output);
        if (!match.Success)
        {
            return null;
        }

        var version = match.Groups["v"].Value;
        if (name == "quickjs" && output.Contains("QuickJS-ng", StringComparison.Ordinal))
        {
            return version; // yt-dlp accepts every quickjs-ng.
        }

        return AtLeast(version.Replace('-', '.'), candidate.Minimum) ? version : null;
    }

    private static bool AtLeast(string version, int[] minimum)
    {
        var parts = version.Split('.').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray();
        for (var i = 0; i < minimum.Length; i++)
        {
            var part = i < parts.Length ? parts[i] : 0;
            if (part != minimum[i])
            {
                return part > minimum[i];
            }
        }

        return true;
    }

    private sealed record Candidate(string Name, string Executable, string Argument, int[] Minimum);

    [GeneratedRegex(@"^deno (?<v>\S+)", RegexOptions.Multiline)]
    private static partial Regex DenoVersion();

    [GeneratedRegex(@"^v(?<v>\d\S*)", RegexOptions.Multiline)]
    private static partial Regex NodeVersion();

    [GeneratedRegex(@"^QuickJS(?:-ng)?\s+version\s+(?<v>\S+)", RegexOptions.Multiline)]
    private static partial Regex QuickJsVersion();

    [GeneratedRegex(@"^(?<v>\d+\.\d+\S*)", RegexOptions.Multiline)]
    private static partial Regex BunVersion();
}
