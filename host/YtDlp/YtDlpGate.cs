namespace VideoBot.Host.YtDlp;

/// <summary>
/// Keeps a yt-dlp update from changing files under a running yt-dlp: a pip upgrade rewrites the package in place and a release
/// binary is read lazily by Python's zip importer, so a run that imports a module during the swap could mix two versions.
/// Runs share the gate; an update holds it alone. The update first waits for an idle moment without holding anyone up; after
/// its patience runs out it claims the gate, so new runs wait (they are delayed, never stopped) while the runs in flight finish.
/// </summary>
internal sealed class YtDlpGate(TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _runs;
    private bool _claimed;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The number of yt-dlp runs in flight.</summary>
    public int Running
    {
        get
        {
            lock (_lock)
            {
                return _runs;
            }
        }
    }

    /// <summary>Enters for one yt-dlp run; waits while an update holds or has claimed the gate.</summary>
    public async Task<IDisposable> EnterRunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (!_claimed)
                {
                    _runs++;
                    return new Release(this, update: false);
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Enters alone, for an update: when no run is in flight, or once <paramref name="patience"/> has passed and the runs in flight have finished.</summary>
    public async Task<IDisposable> EnterUpdateAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + patience;
        try
        {
            while (true)
            {
                Task changed;
                lock (_lock)
                {
                    if (_runs == 0)
                    {
                        _claimed = true;
                        return new Release(this, update: true);
                    }

                    if (time.GetUtcNow() >= deadline)
                    {
                        _claimed = true; // From now on new runs wait for the update.
                    }

                    changed = _changed.Task;
                }

                var left = deadline - time.GetUtcNow();
                if (left > TimeSpan.Zero)
                {
                    // Wake at the deadline too, to claim the gate then.
                    await Task.WhenAny(changed, Task.Delay(left, time, cancellationToken)).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                }
                else
                {
                    await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                _claimed = false;
                Signal();
            }

            throw;
        }
    }

    private void Leave(bool update)
    {
        lock (_lock)
        {
            if (update)
            {
                _claimed = false;
            }
            else
            {
                _runs--;
            }

            Signal();
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private sealed class Release(YtDlpGate gate, bool update) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Leave(update);
            }
        }
    }
}
