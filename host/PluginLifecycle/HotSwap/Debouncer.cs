using VideoBot.Host.Plugins;

namespace VideoBot.Host.PluginLifecycle.HotSwap;

/// <summary>
/// Collects keys (plugin folder names) and hands them over once nothing new arrived for <c>delay</c>: a copy that touches
/// a folder's files a hundred times triggers one action. A null key means "everything". Actions never overlap: keys that
/// arrive while one runs wait for the next.
/// </summary>
internal sealed class Debouncer : IDisposable
{
    private readonly TimeSpan _delay;
    private readonly Func<IReadOnlyCollection<string>?, Task> _action;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _running = new(1, 1);
    private HashSet<string> _pending = new(StringComparer.Ordinal);
    private bool _everything;

    public Debouncer(TimeSpan delay, Func<IReadOnlyCollection<string>?, Task> action, TimeProvider? clock = null)
    {
        _delay = delay;
        _action = action;
        _timer = (clock ?? TimeProvider.System).CreateTimer(_ => _ = FireAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Adds a key and restarts the quiet period.</summary>
    public void Add(string? key)
    {
        lock (_gate)
        {
            if (key is null)
            {
                _everything = true;
            }
            else
            {
                _pending.Add(key);
            }

            _timer.Change(_delay, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task FireAsync()
    {
        await _running.WaitAsync().ConfigureAwait(false);
        try
        {
            IReadOnlyCollection<string>? keys;
            lock (_gate)
            {
                if (!_everything && _pending.Count == 0)
                {
                    return;
                }

                keys = _everything ? null : _pending;
                _pending = new HashSet<string>(StringComparer.Ordinal);
                _everything = false;
            }

            try
            {
                await _action(keys).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The action logs its own failures; its keys wait for the next change instead of being lost.
                lock (_gate)
                {
                    if (keys is null)
                    {
                        _everything = true;
                    }
                    else
                    {
                        _pending.UnionWith(keys);
                    }
                }
            }
        }
        finally
        {
            _running.Release();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
    }
}
