using VideoBot.Host.Caching;

namespace VideoBot.Host.Jobs;

/// <summary>
/// One accepted message's links, as stored in the job queue: enough to do the work again after a restart.
/// </summary>
/// <param name="Id">The Telegram update id: the same update delivered twice (a resend, or to two instances) is one job.</param>
/// <param name="ChatId">The chat to answer in.</param>
/// <param name="ReplyTo">The message to reply to.</param>
/// <param name="UserId">Who asked.</param>
/// <param name="Language">The texts' language.</param>
/// <param name="Links">The links, in the message's order.</param>
/// <param name="Settings">The user's settings when they asked.</param>
/// <param name="Done">How many links are answered already (a resumed job starts after them).</param>
/// <param name="Attempts">How many times the job was started, the first run included.</param>
/// <param name="StatusMessageId">The status message of the link under way, if one is showing: a job resumed after a crash
/// removes it, so no "Extracting…" stays behind.</param>
/// <param name="Quiet">Picked up by a group's <c>/autodetect</c>, not asked for: failures are a reaction, not a message.</param>
internal sealed record JobRecord(
    string Id,
    long ChatId,
    int ReplyTo,
    long UserId,
    string Language,
    IReadOnlyList<string> Links,
    UserSettings Settings,
    int Done = 0,
    int Attempts = 1,
    int? StatusMessageId = null,
    bool Quiet = false);

/// <summary>How jobs are written in either store.</summary>
internal static class JobJson
{
    private static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static string Write(JobRecord job) => System.Text.Json.JsonSerializer.Serialize(job, Options);

    public static JobRecord Read(string json, int done, int attempts) =>
        (System.Text.Json.JsonSerializer.Deserialize<JobRecord>(json, Options) ?? throw new InvalidDataException("An empty job record."))
        with { Done = done, Attempts = attempts };
}
