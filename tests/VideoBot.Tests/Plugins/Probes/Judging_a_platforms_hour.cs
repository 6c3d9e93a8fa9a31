using VideoBot.Host.Plugins;

namespace VideoBot.Tests.Plugins.Probes;

/// <summary>
/// What <c>/status</c> says of a platform, from its last hour of outcomes (<see cref="PlatformState"/>), and how those outcomes
/// are kept by source in <see cref="PluginHealth"/>.
/// </summary>
public sealed class Judging_a_platforms_hour
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 14, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan SlowAfter = TimeSpan.FromSeconds(20);

    private static HealthOutcome Ok(int minute, double seconds = 2, HealthSource source = HealthSource.Jobs) =>
        new(Start.AddMinutes(minute), source, null, TimeSpan.FromSeconds(seconds));

    private static HealthOutcome Failed(int minute, string kind, HealthSource source = HealthSource.Probes) =>
        new(Start.AddMinutes(minute), source, kind, TimeSpan.FromSeconds(1));

    [Fact]
    public void Nothing_tried_is_quiet()
    {
        Assert.Equal(PlatformCondition.Quiet, PlatformState.Judge([], SlowAfter).Condition);
    }

    [Fact]
    public void Quick_successes_work()
    {
        var state = PlatformState.Judge([Ok(1), Ok(2), Failed(3, "Network"), Ok(4), Ok(5)], SlowAfter);

        Assert.Equal(PlatformCondition.Works, state.Condition);
        Assert.Equal(5, state.Tries);
        Assert.Equal(1, state.Failed);
    }

    [Fact]
    public void Successes_that_typically_take_longer_than_the_setting_are_slow()
    {
        var state = PlatformState.Judge([Ok(1, 25), Ok(2, 30), Ok(3, 4)], SlowAfter);

        Assert.Equal(PlatformCondition.Slow, state.Condition);
        Assert.Equal(TimeSpan.FromSeconds(25), state.TypicalTime);
    }

    [Fact]
    public void A_last_failure_is_failing_since_the_first_failure_after_the_last_success_with_the_commonest_reason()
    {
        var state = PlatformState.Judge([Failed(1, "Network"), Ok(2), Failed(5, "SiteChanged"), Failed(7, "Network"), Failed(9, "Mismatch")], SlowAfter);

        Assert.Equal(PlatformCondition.Failing, state.Condition);
        Assert.Equal(Start.AddMinutes(5), state.FailingSince);
        Assert.Equal(FailureReason.SiteChanged, state.Reason);
    }

    [Fact]
    public void Failures_of_as_many_reasons_are_told_by_the_latest()
    {
        var state = PlatformState.Judge([Failed(1, "SiteChanged"), Failed(2, "RateLimited")], SlowAfter);

        Assert.Equal(Start.AddMinutes(1), state.FailingSince);
        Assert.Equal(FailureReason.RateLimited, state.Reason);
    }

    [Fact]
    public void A_quarter_of_tries_failing_before_a_success_is_unsteady()
    {
        var state = PlatformState.Judge([Ok(1), Failed(2, "Timeout"), Ok(3), Failed(4, "Timeout"), Ok(5), Ok(6)], SlowAfter);

        Assert.Equal(PlatformCondition.Unsteady, state.Condition);
        Assert.Equal(2, state.Failed);
        Assert.Equal(FailureReason.TooSlow, state.Reason);
    }

    [Theory]
    [InlineData("SiteChanged", "SiteChanged")]
    [InlineData("NoMedia", "SiteChanged")]
    [InlineData("Mismatch", "SiteChanged")]
    [InlineData("Network", "Unreachable")]
    [InlineData("Timeout", "TooSlow")]
    [InlineData("RateLimited", "RateLimited")]
    [InlineData("LoginRequired", "SignIn")]
    [InlineData("AgeRestricted", "SignIn")]
    [InlineData("GeoBlocked", "GeoBlocked")]
    [InlineData("NotFound", "Gone")]
    [InlineData("PluginFault", "BotError")]
    public void Each_failure_kind_has_a_plain_reason(string kind, string reason) =>
        Assert.Equal(reason, PlatformState.Of(kind).ToString());

    [Fact]
    public void Health_counts_each_source_apart_and_a_jobs_site_trouble_never_degrades()
    {
        var health = new PluginHealth(TimeSpan.FromMinutes(5), threshold: 1);

        health.RecordSuccess(HealthSource.Jobs, TimeSpan.FromSeconds(1));
        health.RecordFailure("Network: reset", HealthSource.Jobs, "Network", judged: false);
        health.RecordFailure("Network: reset", HealthSource.Jobs, "Network", judged: false);
        health.RecordSuccess(HealthSource.Probes);

        Assert.Equal((1, 2), health.Counts(HealthSource.Jobs));
        Assert.Equal((1, 0), health.Counts(HealthSource.Probes));
        Assert.Equal((2, 0), health.Counts());
        Assert.False(health.IsDegraded);

        health.RecordFailure("probe 'a clip': SiteChanged: no files", HealthSource.Probes, "SiteChanged");
        health.RecordFailure("probe 'a clip': SiteChanged: no files", HealthSource.Probes, "SiteChanged");
        Assert.Equal((1, 2), health.Counts(HealthSource.Probes));
        Assert.True(health.IsDegraded);
        Assert.Equal(["Jobs", "Jobs", "Jobs", "Probes", "Probes", "Probes"], health.Recent(PluginHealth.History).Select(o => o.Source.ToString()));
    }

    [Fact]
    public void The_hour_outlives_a_shorter_health_window()
    {
        var clock = new ManualClock();
        var health = new PluginHealth(TimeSpan.FromMinutes(5), threshold: 3, clock);
        health.RecordFailure("SiteChanged: gone", HealthSource.Probes, "SiteChanged");

        clock.Now += TimeSpan.FromMinutes(30);
        Assert.Equal((0, 0), health.Counts(HealthSource.Probes));
        Assert.Single(health.Recent(PluginHealth.History));

        clock.Now += TimeSpan.FromMinutes(31);
        Assert.Empty(health.Recent(PluginHealth.History));
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = Start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
