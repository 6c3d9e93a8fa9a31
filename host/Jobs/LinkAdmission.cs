using VideoBot.Host.Admission;
using VideoBot.Host.Admission.RateLimiting;

namespace VideoBot.Host.Jobs;

/// <summary>
/// Stores and starts a job of links behind the limits every such job passes, whoever made it (a message, a playlist's button):
/// the queue, and the user's link rate charged once per link.
/// </summary>
internal sealed class LinkAdmission(JobIntake intake, JobLoad load, UserRateLimiter userLimit)
{
    /// <inheritdoc cref="JobIntake.AcceptAsync"/>
    public Task<IntakeResult> AcceptAsync(JobRecord job, CancellationToken cancellationToken) =>
        intake.AcceptAsync(job, async ct =>
        {
            load.Admit();
            await userLimit.AdmitAsync(job.UserId, job.Links.Count, ct);
        }, cancellationToken);
}
