using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Admission;
using VideoBot.Host.Configuration;
using VideoBot.Host.Jobs;
using VideoBot.Host.Messages;
using VideoBot.Host.Pipeline.Output;

namespace VideoBot.Host.Pipeline;

/// <summary>
/// Picks up jobs nobody is working on: at start (what a stopped or killed host left) and every <c>Jobs:RecoverySeconds</c>
/// (what a dead instance left, once its lease ran out). A job started <c>Jobs:MaxAttempts</c> times without finishing is
/// not tried again: its user is told to send the link again, so no request is lost without a word.
/// </summary>
internal sealed class JobRecovery(
    IJobStore store,
    JobLeases leases,
    JobTracker tracker,
    JobExecutor executor,
    JobStatusRecords statuses,
    IChatReplies replies,
    MessageCatalog messages,
    IOptions<JobsOptions> options,
    ILogger<JobRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await replies.WhenReadyAsync(stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RecoverySeconds));
            do
            {
                try
                {
                    await RecoverAsync(stoppingToken);
                }
                catch (JobStoreException e)
                {
                    JobsLog.StoreFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        foreach (var job in await store.ClaimOrphansAsync(leases.Owner, leases.Lease, stoppingToken))
        {
            leases.Hold(job.Id);
            if (job.Attempts > options.Value.MaxAttempts)
            {
                JobsLog.GivingUp(logger, job.Id, job.Attempts - 1);
                await statuses.RemoveLeftoverAsync(job, stoppingToken);
                await TellLostAsync(job, stoppingToken);
                await leases.FinishAsync(job.Id);
                continue;
            }

            JobsLog.Resuming(logger, job.Id, job.Attempts, job.Done, job.Links.Count);
            if (!tracker.TryStart(job.UserId, ct => executor.RunAsync(job, ct), job.Id))
            {
                // The user's slots are full (or the host is stopping): try again on a later round.
                await leases.ReleaseAsync(job.Id);
            }
        }
    }

    private async Task TellLostAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var links = job.Links.Skip(job.Done).ToList();
        var html = messages.Html(job.Language, "error.job_lost", ("link", links.FirstOrDefault() ?? ""), ("count", links.Count));
        try
        {
            await replies.ReplyAsync(job.ChatId, job.ReplyTo, html, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            JobsLog.TellFailed(logger, e, job.Id);
        }
    }
}
