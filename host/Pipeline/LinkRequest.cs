using VideoBot.Host.Caching;

namespace VideoBot.Host.Pipeline;

/// <summary>One link to answer: where to reply, for whom, in which language, with which settings.</summary>
internal sealed record LinkRequest(long Chat, int ReplyTo, long UserId, string Language, string Link, UserSettings Settings)
{
    /// <summary>The stored job this link belongs to (its Cancel button and status record); null outside the job queue.</summary>
    public string? JobId { get; init; }

    /// <summary>Picked up by a group's /autodetect: a failure is a reaction on the user's message, not a message.</summary>
    public bool Quiet { get; init; }
}
