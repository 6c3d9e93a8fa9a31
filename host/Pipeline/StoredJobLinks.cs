using VideoBot.Host.Jobs;

namespace VideoBot.Host.Pipeline;

/// <summary>A stored job's link, answered in its chat by the pipeline: the job's link becomes the runner's request.</summary>
internal sealed class StoredJobLinks(JobRunner runner) : IJobLinkRunner
{
    public Task RunLinkAsync(JobRecord job, int index, CancellationToken cancellationToken) =>
        runner.RunAsync(
            new LinkRequest(job.ChatId, job.ReplyTo, job.UserId, job.Language, job.Links[index], job.Settings) { JobId = job.Id, Quiet = job.Quiet },
            cancellationToken);
}
