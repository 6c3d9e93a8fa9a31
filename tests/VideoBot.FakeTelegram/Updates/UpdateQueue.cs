using System.Text.Json.Nodes;

namespace VideoBot.FakeTelegram.Updates;

/// <summary>
/// The bot's pending updates, in update_id order. An update leaves the queue only when it is confirmed: by a
/// getUpdates call whose offset is higher than its update_id, or by a 2xx answer of the webhook.
/// allowed_updates filters updates as they are created, like Telegram (older pending ones stay).
/// </summary>
internal sealed class UpdateQueue(long firstUpdateId)
{
    /// <summary>What Telegram delivers when allowed_updates is empty or was never set.</summary>
    private static readonly HashSet<string> DefaultSkipped = ["chat_member", "message_reaction", "message_reaction_count"];

    private readonly Lock _gate = new();
    private readonly List<PendingUpdate> _pending = [];
    private long _nextId = firstUpdateId;
    private HashSet<string>? _allowed;
    private TaskCompletionSource _changed = NewSignal();
    private CancellationTokenSource? _currentPoll;

    public sealed record PendingUpdate(long UpdateId, string Type, JsonObject Json);

    public IReadOnlyList<string>? AllowedUpdates
    {
        get { lock (_gate) { return _allowed is null ? null : [.. _allowed]; } }
    }

    public int PendingCount
    {
        get { lock (_gate) { return _pending.Count; } }
    }

    /// <summary>Queues an update of <paramref name="type"/> ("message", "callback_query"...); null when filtered out.</summary>
    public PendingUpdate? Enqueue(string type, JsonNode payload)
    {
        lock (_gate)
        {
            var allowed = _allowed is { Count: > 0 } ? _allowed.Contains(type) : !DefaultSkipped.Contains(type);
            if (!allowed)
            {
                return null;
            }

            var id = _nextId++;
            var update = new PendingUpdate(id, type, new JsonObject { ["update_id"] = id, [type] = payload });
            _pending.Add(update);
            Signal();
            return update;
        }
    }

    /// <summary>Stores a new allowed_updates setting; an empty list means "the default set".</summary>
    public void SetAllowed(IEnumerable<string> types)
    {
        lock (_gate)
        {
            _allowed = [.. types];
        }
    }

    /// <summary>Forgets updates confirmed by <paramref name="offset"/> (a negative one keeps only the last -offset).</summary>
    public void Confirm(long offset)
    {
        lock (_gate)
        {
            if (offset < 0)
            {
                var keep = (int)Math.Min(-offset, _pending.Count);
                _pending.RemoveRange(0, _pending.Count - keep);
            }
            else
            {
                _pending.RemoveAll(u => u.UpdateId < offset);
            }
        }
    }

    public void Remove(long updateId)
    {
        lock (_gate)
        {
            _pending.RemoveAll(u => u.UpdateId == updateId);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
        }
    }

    public IReadOnlyList<PendingUpdate> Peek(int limit)
    {
        lock (_gate)
        {
            return [.. _pending.Take(limit)];
        }
    }

    /// <summary>Completes when an update is queued after this call began (or the token fires).</summary>
    public Task WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_gate)
        {
            changed = _changed.Task;
        }

        return changed.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>
    /// Starts a getUpdates call and ends the one still waiting, as Telegram does when two bot instances poll.
    /// The returned source is cancelled when a newer call arrives.
    /// </summary>
    public CancellationTokenSource BeginPoll()
    {
        lock (_gate)
        {
            _currentPoll?.Cancel();
            _currentPoll = new CancellationTokenSource();
            return _currentPoll;
        }
    }

    public void EndPoll(CancellationTokenSource poll)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_currentPoll, poll))
            {
                _currentPoll = null;
            }
        }

        poll.Dispose();
    }

    /// <summary>Wakes pollers and the webhook sender, e.g. after a webhook was removed.</summary>
    public void Signal()
    {
        lock (_gate)
        {
            var previous = _changed;
            _changed = NewSignal();
            previous.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
