using VideoBot.Host.Admission;
using VideoBot.Host.Caching;
using VideoBot.Host.Jobs;
using VideoBot.Host.Routing;

namespace VideoBot.Host.Pipeline.Stages;

/// <summary>
/// The whole job for one user, when the cache could not answer: admission (a slot, the time limit, the platform's guard),
/// extract, fetch, upload and finish. It tells that user how it ended, and throws on failure so that nothing is cached (the
/// users waiting on the same link get the same reason). The job's folder is removed however the job ends.
/// </summary>
internal sealed class FullJob(AdmissionStage admission, ExtractStage extract, FetchStage fetch, UploadStage upload, FinishStage finish)
{
    public async Task<CachedMedia> RunAsync(LinkRequest request, RouteResult route, string key, ObservedJob job, CancellationToken cancellationToken)
    {
        await using var work = await admission.OpenAsync(request, job, cancellationToken);
        var ct = work.Token;
        try
        {
            var platform = Platform.Of(route);
            using var admitted = await admission.EnterAsync(request, platform, work);
            var outcome = await extract.ExtractAsync(request, route, platform, key, work.Directory, ct);
            var files = await fetch.FetchAsync(request, outcome, work.Directory, work.Status, ct);
            return await upload.SendAsync(request, route, key, outcome, files, work, job);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await finish.StoppedAsync(request, work.Status, job);
            throw;
        }
        catch (OperationCanceledException e) when (work.TimedOut)
        {
            job.Finish("timeout");
            var failure = new JobTimeoutException(work.TimeLimit);
            await finish.FailedAsync(request, work.Status, key, failure, e);
            throw new SharedJobFailedException(failure);
        }
        catch (Exception e)
        {
            job.Finish(e is LimitRefusal ? "refused" : "failed");
            await finish.FailedAsync(request, work.Status, key, e, e);
            throw new SharedJobFailedException(e);
        }
    }
}
