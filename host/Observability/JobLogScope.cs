using System.Collections;
using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Observability;

/// <summary>
/// The logging scope of one job: every line logged while it runs (by the pipeline, plugins, yt-dlp) carries
/// <c>JobId</c>, <c>UserHash</c>, <c>Plugin</c> and <c>Outcome</c>. Serilog reads a scope's properties at each event, so the
/// plugin (known after routing) and the outcome (known at the end) appear as soon as they are set.
/// </summary>
internal sealed class JobLogScope : IReadOnlyList<KeyValuePair<string, object>>
{
    private volatile KeyValuePair<string, object>[] _properties;

    public JobLogScope(string jobId, string userHash)
    {
        JobId = jobId;
        _properties = Build(jobId, userHash, "none", "running");
        UserHash = userHash;
    }

    public string JobId { get; }

    public string UserHash { get; }

    public string Plugin { get; private set; } = "none";

    public string Outcome { get; private set; } = "running";

    public int Count => _properties.Length;

    public KeyValuePair<string, object> this[int index] => _properties[index];

    /// <summary>Opens the scope on <paramref name="logger"/> (any logger: scopes are shared by every logger of the app).</summary>
    public IDisposable? Open(ILogger logger) => logger.BeginScope(this);

    public void SetPlugin(string plugin)
    {
        Plugin = plugin;
        _properties = Build(JobId, UserHash, Plugin, Outcome);
    }

    public void SetOutcome(string outcome)
    {
        Outcome = outcome;
        _properties = Build(JobId, UserHash, Plugin, Outcome);
    }

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)_properties).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"job {JobId} user {UserHash} plugin {Plugin} outcome {Outcome}";

    private static KeyValuePair<string, object>[] Build(string jobId, string userHash, string plugin, string outcome) =>
    [
        new("JobId", jobId),
        new("UserHash", userHash),
        new("Plugin", plugin),
        new("Outcome", outcome),
    ];
}
