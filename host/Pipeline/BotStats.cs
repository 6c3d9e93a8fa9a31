namespace VideoBot.Host.Pipeline;

/// <summary>Counters since start, for /stats.</summary>
internal sealed class BotStats(TimeProvider time)
{
    private long _succeeded;
    private long _failed;
    private long _cancelled;
    private long _cacheHits;

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public TimeSpan Uptime => time.GetUtcNow() - StartedAt;

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long Failed => Interlocked.Read(ref _failed);

    public long Cancelled => Interlocked.Read(ref _cancelled);

    public long CacheHits => Interlocked.Read(ref _cacheHits);

    public void Success() => Interlocked.Increment(ref _succeeded);

    public void Failure() => Interlocked.Increment(ref _failed);

    public void Cancellation() => Interlocked.Increment(ref _cancelled);

    public void CacheHit() => Interlocked.Increment(ref _cacheHits);
}
