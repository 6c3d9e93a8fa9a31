namespace VideoBot.Host.Plugins;

/// <summary>How a platform did over a span, in the words <c>/status</c> gives users.</summary>
internal enum PlatformCondition
{
    /// <summary>Nothing was tried.</summary>
    Quiet,

    /// <summary>The last try succeeded, and nearly all did.</summary>
    Works,

    /// <summary>It works, but the typical success took longer than <c>Plugins:SlowAfterSeconds</c>.</summary>
    Slow,

    /// <summary>The last try succeeded, but at least a quarter of them failed.</summary>
    Unsteady,

    /// <summary>The last try failed.</summary>
    Failing,
}

/// <summary>Why a platform fails, in plain words: what the failure kinds seen say about the site.</summary>
internal enum FailureReason
{
    /// <summary>The page or API has a new structure, or a known post yields the wrong media (SiteChanged, NoMedia, Mismatch).</summary>
    SiteChanged,

    /// <summary>The site cannot be reached (Network).</summary>
    Unreachable,

    /// <summary>The site did not answer in time (a probe's Timeout).</summary>
    TooSlow,

    /// <summary>The site limits the bot's requests (RateLimited).</summary>
    RateLimited,

    /// <summary>The site wants the bot to sign in or prove its age (LoginRequired, AgeRestricted).</summary>
    SignIn,

    /// <summary>The site blocks the bot's country (GeoBlocked).</summary>
    GeoBlocked,

    /// <summary>A post that should always be there is gone (a probe's NotFound).</summary>
    Gone,

    /// <summary>The bot's own extractor failed (PluginFault and anything else).</summary>
    BotError,
}

/// <summary>A platform's state over a span of outcomes (users' jobs and probes).</summary>
/// <param name="Condition">The verdict.</param>
/// <param name="Tries">Outcomes counted.</param>
/// <param name="Failed">Of which failed.</param>
/// <param name="FailingSince">For <see cref="PlatformCondition.Failing"/>, the first failure after the last success.</param>
/// <param name="Reason">For a failing or unsteady platform, what the failures say.</param>
/// <param name="TypicalTime">The median time of the successes.</param>
internal sealed record PlatformState(
    PlatformCondition Condition, int Tries, int Failed, DateTimeOffset? FailingSince, FailureReason? Reason, TimeSpan? TypicalTime)
{
    /// <summary>Judges <paramref name="outcomes"/> (oldest first).</summary>
    public static PlatformState Judge(IReadOnlyList<HealthOutcome> outcomes, TimeSpan slowAfter)
    {
        if (outcomes.Count == 0)
        {
            return new PlatformState(PlatformCondition.Quiet, 0, 0, null, null, null);
        }

        var failed = outcomes.Count(o => !o.Ok);
        var times = outcomes.Where(o => o.Ok).Select(o => o.Elapsed).Order().ToList();
        TimeSpan? typical = times.Count > 0 ? times[times.Count / 2] : null;
        if (!outcomes[^1].Ok)
        {
            // The failures since the last success: when it started, and what they have in common.
            var start = outcomes.Count;
            while (start > 0 && !outcomes[start - 1].Ok)
            {
                start--;
            }

            var streak = outcomes.Skip(start).ToList();
            return new PlatformState(PlatformCondition.Failing, outcomes.Count, failed, streak[0].At, ReasonOf(streak), typical);
        }

        if (failed >= 2 && failed * 4 >= outcomes.Count)
        {
            return new PlatformState(PlatformCondition.Unsteady, outcomes.Count, failed, null, ReasonOf(outcomes.Where(o => !o.Ok).ToList()), typical);
        }

        return new PlatformState(typical > slowAfter ? PlatformCondition.Slow : PlatformCondition.Works, outcomes.Count, failed, null, null, typical);
    }

    /// <summary>The reason most failures share; on a tie, the latest one's.</summary>
    private static FailureReason ReasonOf(IReadOnlyList<HealthOutcome> failures) =>
        failures.Select((o, i) => (Reason: Of(o.FailureKind!), i))
            .GroupBy(x => x.Reason)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Max(x => x.i))
            .First().Key;

    /// <summary>A failure kind (an <c>ExtractionErrorKind</c> name, or a probe's <c>Mismatch</c>/<c>Timeout</c>) in plain words.</summary>
    public static FailureReason Of(string kind) => kind switch
    {
        "SiteChanged" or "NoMedia" or "Mismatch" => FailureReason.SiteChanged,
        "Network" => FailureReason.Unreachable,
        "Timeout" => FailureReason.TooSlow,
        "RateLimited" => FailureReason.RateLimited,
        "LoginRequired" or "AgeRestricted" => FailureReason.SignIn,
        "GeoBlocked" => FailureReason.GeoBlocked,
        "NotFound" => FailureReason.Gone,
        _ => FailureReason.BotError,
    };
}
