using VideoBot.Host.Admission.RateLimiting;

namespace VideoBot.Tests.RateLimiting;

/// <summary>The in-process buckets (System.Threading.RateLimiting) used when no Redis is configured.</summary>
public sealed class Limiting_in_one_process
{
    private static readonly TokenBucketPolicy Policy = new("user", 2, 1, TimeSpan.FromHours(1));

    [Fact]
    public async Task A_bucket_gives_its_burst_then_refuses_with_the_time_until_it_refills()
    {
        using var buckets = new LocalTokenBuckets();

        Assert.True((await buckets.TryTakeAsync(Policy, "1", 1, CancellationToken.None)).Allowed);
        Assert.True((await buckets.TryTakeAsync(Policy, "1", 1, CancellationToken.None)).Allowed);
        var refused = await buckets.TryTakeAsync(Policy, "1", 1, CancellationToken.None);

        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromHours(1), refused.RetryAfter);
    }

    [Fact]
    public async Task Partitions_and_policies_do_not_share_tokens()
    {
        using var buckets = new LocalTokenBuckets();
        var other = Policy with { Name = "platform" };
        await buckets.TryTakeAsync(Policy, "1", 2, CancellationToken.None);

        Assert.True((await buckets.TryTakeAsync(Policy, "2", 1, CancellationToken.None)).Allowed);
        Assert.True((await buckets.TryTakeAsync(other, "1", 1, CancellationToken.None)).Allowed);
        Assert.False((await buckets.TryTakeAsync(Policy, "1", 1, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task A_cost_over_the_burst_takes_the_whole_bucket_rather_than_never_passing()
    {
        using var buckets = new LocalTokenBuckets();

        Assert.True((await buckets.TryTakeAsync(Policy, "1", 10, CancellationToken.None)).Allowed);
        Assert.False((await buckets.TryTakeAsync(Policy, "1", 1, CancellationToken.None)).Allowed);
    }
}
