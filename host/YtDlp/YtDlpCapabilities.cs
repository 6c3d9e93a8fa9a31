using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoBot.Host.YtDlp;

/// <summary>One row of <c>yt-dlp --list-impersonate-targets</c>: <c>Chrome-124  Macos-14  curl_cffi</c>.</summary>
internal sealed record ImpersonateTarget(string Client, string Os, bool Available)
{
    /// <summary>
    /// Whether <paramref name="requested"/> (<c>CLIENT[-VERSION][:OS[-VERSION]]</c>, as <c>--impersonate</c> takes it) names this
    /// row: a part without a version matches every version, as in yt-dlp.
    /// </summary>
    public bool Matches(string requested)
    {
        var parts = requested.Split(':', 2);
        return Part(Client, parts[0]) && (parts.Length == 1 || parts[1].Length == 0 || Part(Os, parts[1]));
    }

    private static bool Part(string row, string wanted) =>
        row.Equals(wanted, StringComparison.OrdinalIgnoreCase) || row.StartsWith(wanted + "-", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// What the installed yt-dlp can do, asked once (see <see cref="YtDlpCapabilityCache"/>): its version, whether it knows
/// <c>--js-runtimes</c> (2025.11+) and <c>--impersonate</c> (2024.03+), the JavaScript runtime found on PATH and its
/// impersonation targets. An old yt-dlp simply gets neither flag.
/// </summary>
internal sealed partial record YtDlpCapabilities
{
    /// <summary>Older than this many days, yt-dlp is reported with a warning: the sites it reads change faster.</summary>
    public const int StaleAfterDays = 90;

    /// <summary>The full path of the executable, when found.</summary>
    public string? Executable { get; init; }

    /// <summary>Its <c>--version</c>; null when it is missing or does not run.</summary>
    public string? Version { get; init; }

    /// <summary>Why there is no version: not found, or <c>--version</c> failed.</summary>
    public string? Problem { get; init; }

    public bool SupportsJsRuntimes { get; init; }

    public bool SupportsImpersonate { get; init; }

    /// <summary>Whether <c>--remote-components</c> exists (2025.11+): where yt-dlp may fetch the EJS scripts it lacks.</summary>
    public bool SupportsRemoteComponents { get; init; }

    /// <summary>A usable runtime on PATH, whether or not this yt-dlp can be told about it.</summary>
    public JsRuntime? JsRuntimeFound { get; init; }

    public IReadOnlyList<ImpersonateTarget> ImpersonateTargets { get; init; } = [];

    public bool Found => Version is not null;

    /// <summary>The runtime passed with <c>--js-runtimes</c>, if any.</summary>
    public JsRuntime? JsRuntime => SupportsJsRuntimes ? JsRuntimeFound : null;

    /// <summary>Whether <c>--impersonate</c> works: the flag exists and at least one target is available (curl_cffi is installed).</summary>
    public bool CanImpersonate => SupportsImpersonate && ImpersonateTargets.Any(t => t.Available);

    /// <summary>The release date, from the version (<c>YYYY.MM.DD</c>, nightlies add a fourth part).</summary>
    public DateOnly? Released => ReleaseDate(Version);

    public static YtDlpCapabilities Missing(string? executable, string problem) => new() { Executable = executable, Problem = problem };

    /// <summary>The target to pass for a plugin that asked for <paramref name="requested"/>, or null when this yt-dlp cannot.</summary>
    public string? ImpersonateFor(string? requested) =>
        requested is { Length: > 0 } && CanImpersonate && ImpersonateTargets.Any(t => t.Available && t.Matches(requested)) ? requested : null;

    /// <summary>
    /// The remote components to allow: only with a runtime passed to run them, and only where the flag exists. A yt-dlp
    /// without the <c>yt-dlp-ejs</c> package (Debian's) can solve YouTube's challenges only with scripts fetched this way.
    /// </summary>
    public IReadOnlyList<string> RemoteComponentsFor(IReadOnlyList<string> wanted) =>
        SupportsRemoteComponents && JsRuntime is not null ? wanted : [];

    public int? AgeDays(DateTimeOffset now) => Released is { } released ? DateOnly.FromDateTime(now.UtcDateTime).DayNumber - released.DayNumber : null;

    /// <summary><c>2026.11.23 (released 11 days ago; js runtime: node 20.20.2; impersonation: no)</c>, or why there is none.</summary>
    public string Summary(DateTimeOffset now)
    {
        if (!Found)
        {
            return $"not available ({Problem})";
        }

        var released = AgeDays(now) switch
        {
            null => "release date unknown",
            0 => "released today",
            1 => "released 1 day ago",
            var days => $"released {days} days ago",
        };
        var runtime = JsRuntime is { } r ? $"{r.Name} {r.Version}" : "none";
        return $"{Version} ({released}; js runtime: {runtime}; impersonation: {(CanImpersonate ? "yes" : "no")})";
    }

    /// <summary>What the operator should know, one sentence each: missing, old, or lacking what 2026's sites need.</summary>
    public IReadOnlyList<string> Notes(DateTimeOffset now, IReadOnlyDictionary<string, string>? impersonate = null)
    {
        if (!Found)
        {
            return ["yt-dlp is missing: plugins that hand links to yt-dlp fail until it is installed (scripts/setup.sh or YtDlp:Path); script plugins still serve."];
        }

        var notes = new List<string>();
        if (AgeDays(now) is > StaleAfterDays and var days)
        {
            notes.Add($"yt-dlp {Version} is {days} days old (more than {StaleAfterDays}): sites change faster; update it (docs/operators-guide.md, \"Keeping yt-dlp current\").");
        }

        if (!SupportsJsRuntimes)
        {
            notes.Add("this yt-dlp is too old for --js-runtimes (2025.11 or newer): YouTube needs a JavaScript runtime" + (JsRuntimeFound is { } f ? $" ({f.Name} {f.Version} is on PATH but unused)." : "."));
        }
        else if (JsRuntimeFound is null)
        {
            notes.Add("no JavaScript runtime on PATH (deno, node 20+, quickjs or bun): YouTube may fail; scripts/setup.sh installs deno.");
        }

        if (!SupportsImpersonate)
        {
            notes.Add("this yt-dlp is too old for --impersonate (2024.03 or newer): sites that check the browser's fingerprint may refuse it.");
        }
        else if (!CanImpersonate)
        {
            notes.Add("yt-dlp can't impersonate browsers (curl_cffi is missing): sites that check the browser's fingerprint may refuse it.");
        }

        foreach (var (plugin, target) in impersonate ?? new Dictionary<string, string>())
        {
            if (ImpersonateFor(target) is null)
            {
                notes.Add($"YtDlp:Impersonate:{plugin} asks for '{target}', which this yt-dlp does not offer: {plugin} runs without impersonation.");
            }
        }

        return notes;
    }

    /// <summary>The date in a yt-dlp version (<c>2026.11.23</c>, <c>2025.01.26.034637</c>); null when it is not one.</summary>
    public static DateOnly? ReleaseDate(string? version)
    {
        var match = version is null ? Match.Empty : VersionPattern().Match(version);
        if (!match.Success)
        {
            return null;
        }

        var (y, m, d) = (Number(match.Groups["y"].Value), Number(match.Groups["m"].Value), Number(match.Groups["d"].Value));
        return m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;
    }

    /// <summary>
    /// Whether <c>yt-dlp --help</c> lists <paramref name="option"/> (for example <c>--js-runtimes</c>): at the start of an option
    /// line (indented a little, perhaps after its short form), not inside another option's description.
    /// </summary>
    public static bool HelpHasOption(string help, string option) =>
        Regex.IsMatch(help, $@"(?m)^[ \t]{{0,8}}(?:-\w+,[ \t]*)?{Regex.Escape(option)}(?=\s|$)");

    /// <summary>
    /// The rows of <c>--list-impersonate-targets</c>, after its dashed line. A row whose source ends in "(unavailable)" or
    /// "(not available)" names a target this installation lacks.
    /// </summary>
    public static IReadOnlyList<ImpersonateTarget> ParseImpersonateTargets(string output)
    {
        var targets = new List<ImpersonateTarget>();
        var inTable = false;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (!inTable)
            {
                inTable = line.StartsWith("---", StringComparison.Ordinal);
                continue;
            }

            var cells = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length < 3)
            {
                continue;
            }

            var available = !cells[2].Contains("unavailable", StringComparison.OrdinalIgnoreCase)
                && !cells[2].Contains("not available", StringComparison.OrdinalIgnoreCase);
            targets.Add(new ImpersonateTarget(cells[0], cells[1], available));
        }

        return targets;
    }

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<y>\d{4})\.(?<m>\d{1,2})\.(?<d>\d{1,2})(?:\.\d+)?$")]
    private static partial Regex VersionPattern();
}
