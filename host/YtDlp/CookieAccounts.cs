using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.YtDlp;

/// <summary>One logged-in account of a plugin: a Netscape cookies file the operator gave (<c>YtDlp:Cookies:&lt;id&gt;</c>).</summary>
internal sealed record CookieAccount(string PluginId, string File);

/// <summary>
/// The operator's accounts per plugin, in turn. <c>YtDlp:Cookies:&lt;id&gt;</c> names one cookies file, or a folder whose
/// <c>*.txt</c> files are one account each; every run (a yt-dlp process, a script's cookie jar) takes the next account. An account
/// the site refuses (a rate limit, a login wall that is not about private content) rests for <c>YtDlp:CookieRestMinutes</c>,
/// and runs go to the others meanwhile; when every account rests, the one whose rest ends first still serves, so one account
/// behaves as it always did.
/// </summary>
/// <remarks>
/// The folder is listed at every run, so accounts added or removed are heard at the next link, without a restart. Rests are
/// kept by this process only: each instance of a scaled-out bot learns for itself.
/// </remarks>
internal sealed partial class CookieAccounts(IOptionsMonitor<YtDlpOptions> options, TimeProvider time, ILogger<CookieAccounts> logger)
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> _turns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _restingUntil = new(StringComparer.Ordinal);

    /// <summary>True when the operator set cookies for <paramref name="pluginId"/>.</summary>
    public bool AreSet(string? pluginId) => Configured(pluginId) is not null;

    /// <summary>The account whose turn it is, or null when the plugin has no cookies configured.</summary>
    /// <exception cref="ExtractionException"><see cref="ExtractionErrorKind.PluginFault"/> when the configured file is missing or the folder holds none.</exception>
    public CookieAccount? Next(string? pluginId) => Next(pluginId, except: null);

    /// <summary>
    /// Rests <paramref name="account"/> when <paramref name="failure"/> says the site refused the account rather than the post,
    /// and then returns another account that is not resting, for one more try; null when the failure is the post's or no other
    /// account is ready.
    /// </summary>
    public CookieAccount? Refused(CookieAccount account, ExtractionException failure)
    {
        if (!RefusesTheAccount(failure))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var until = now.AddMinutes(options.CurrentValue.CookieRestMinutes);
        _restingUntil[account.File] = until;
        var next = Next(account.PluginId, except: account.File);
        var ready = next is not null && !IsResting(next.File, now);
        Log.Resting(logger, account.PluginId, Path.GetFileName(account.File), failure.Kind.ToString(), until, ready ? "another account serves meanwhile" : "no other account is ready");
        return ready ? next : null;
    }

    /// <summary>
    /// A rate limit, or a login wall with cookies sent (the session expired, was logged out, or is asked to prove it is no bot);
    /// not a post that is private or for members, which another account would not see either.
    /// </summary>
    private static bool RefusesTheAccount(ExtractionException failure) =>
        failure.Kind == ExtractionErrorKind.RateLimited
        || (failure.Kind == ExtractionErrorKind.LoginRequired && !PrivateContent().IsMatch(failure.Message));

    private CookieAccount? Next(string? pluginId, string? except)
    {
        if (Configured(pluginId) is not { } path)
        {
            return null;
        }

        var files = Files(pluginId!, path);
        var now = time.GetUtcNow();
        var turn = (uint)Interlocked.Increment(ref _turns.GetOrAdd(pluginId!, _ => new StrongBox<int>(-1)).Value);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[(int)((turn + (uint)i) % (uint)files.Count)];
            if (file != except && !IsResting(file, now))
            {
                return new CookieAccount(pluginId!, file);
            }
        }

        // Every account rests: the one whose rest ends first is tried rather than none.
        var soonest = files.Where(f => f != except).DefaultIfEmpty(files[0]).MinBy(f => _restingUntil.GetValueOrDefault(f))!;
        return new CookieAccount(pluginId!, soonest);
    }

    private string? Configured(string? pluginId) =>
        pluginId is not null && options.CurrentValue.Cookies.TryGetValue(pluginId, out var path) && !string.IsNullOrWhiteSpace(path) ? path : null;

    private bool IsResting(string file, DateTimeOffset now) => _restingUntil.TryGetValue(file, out var until) && until > now;

    private static List<string> Files(string pluginId, string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (Directory.Exists(path))
        {
            var files = new DirectoryInfo(path).EnumerateFiles("*.txt")
                .Where(f => !f.Name.StartsWith('.'))
                .Select(f => f.FullName)
                .Order(StringComparer.Ordinal)
                .ToList();
            return files.Count > 0
                ? files
                : throw new ExtractionException(ExtractionErrorKind.PluginFault,
                    $"The cookies folder configured for plugin '{pluginId}' (YtDlp:Cookies) holds no .txt cookies file.");
        }

        throw Unreadable(pluginId);
    }

    /// <summary>The one message for a configured cookies file that is gone or unreadable, whoever meets it first.</summary>
    public static ExtractionException Unreadable(string pluginId, Exception? inner = null) =>
        new(ExtractionErrorKind.PluginFault, $"The cookies file configured for plugin '{pluginId}' (YtDlp:Cookies) does not exist or can't be read.", inner);

    // yt-dlp's and the plugins' words for a post only some accounts may see ("Private video. Sign in if you've been granted access").
    [GeneratedRegex(@"\bprivate\b|members[- ]only|granted access|subscribers? only", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrivateContent();

    private static partial class Log
    {
        [LoggerMessage(EventId = 5115, Level = LogLevel.Warning,
            Message = "The cookies {File} of plugin {Plugin} were refused ({Kind}); they rest until {Until:u}, and {Then}")]
        public static partial void Resting(ILogger logger, string plugin, string file, string kind, DateTimeOffset until, string then);
    }
}
