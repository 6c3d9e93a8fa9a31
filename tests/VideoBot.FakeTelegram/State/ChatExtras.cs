namespace VideoBot.FakeTelegram.State;

/// <summary>
/// What the fake remembers beyond messages: each chat member's status (getChatMember; set by tests) and the bot's reactions
/// on messages (setMessageReaction). One lock guards it; reads hand out copies.
/// </summary>
internal sealed class ChatExtras
{
    /// <summary>The statuses a ChatMember can have.</summary>
    public static readonly IReadOnlySet<string> Statuses = new HashSet<string>(StringComparer.Ordinal)
    {
        "creator", "administrator", "member", "restricted", "left", "kicked",
    };

    private readonly Lock _gate = new();
    private readonly Dictionary<(long Chat, long User), string> _members = [];
    private readonly Dictionary<(long Chat, long Message), IReadOnlyList<string>> _reactions = [];

    public void SetMember(long chatId, long userId, string status)
    {
        if (!Statuses.Contains(status))
        {
            throw new ArgumentException($"Unknown chat member status {status}; one of: {string.Join(", ", Statuses)}.", nameof(status));
        }

        lock (_gate)
        {
            _members[(chatId, userId)] = status;
        }
    }

    /// <summary>The member's status; users the test did not place are ordinary members (they write in the chat).</summary>
    public string MemberStatus(long chatId, long userId)
    {
        lock (_gate)
        {
            return _members.GetValueOrDefault((chatId, userId), "member");
        }
    }

    public void SetReactions(long chatId, long messageId, IReadOnlyList<string> emojis)
    {
        lock (_gate)
        {
            _reactions[(chatId, messageId)] = [.. emojis];
        }
    }

    public IReadOnlyList<string> Reactions(long chatId, long messageId)
    {
        lock (_gate)
        {
            return _reactions.GetValueOrDefault((chatId, messageId)) ?? [];
        }
    }
}
