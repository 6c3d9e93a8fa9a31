using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Jobs;
using VideoBot.Host.Pipeline.Captions;
using VideoBot.Host.Pipeline.Fetching;
using VideoBot.Host.Pipeline.Stages;

namespace VideoBot.Host.Pipeline;

/// <summary>
/// Registers the job pipeline: the conductor, its stages and what they use, and the runner of a stored job's links
/// (<see cref="IJobLinkRunner"/>). The messenger's side (<c>Output/</c>'s interfaces) is registered by the adapter.
/// </summary>
internal static class PipelineServices
{
    public static IServiceCollection AddVideoBotPipeline(this IServiceCollection services)
    {
        services.AddSingleton<BotStats>();
        services.AddSingleton<ErrorMessages>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<RouteStage>();
        services.AddSingleton<CachedAnswers>();
        services.AddSingleton<FullJob>();
        services.AddSingleton<AdmissionStage>();
        services.AddSingleton<ExtractStage>();
        services.AddSingleton<FetchStage>();
        services.AddSingleton<UploadStage>();
        services.AddSingleton<FinishStage>();
        services.AddSingleton<MediaFetcher>();
        services.AddSingleton<ThumbnailFetcher>();
        services.AddSingleton<AudioExtractor>();
        services.AddSingleton<LargeVideoParts>();
        services.AddSingleton<Splitting.VideoSplitter>();
        services.AddSingleton<SlideshowRenderer>();
        services.AddSingleton<SlideshowVideos>();
        services.AddSingleton<CaptionBuilder>();
        services.AddSingleton<IJobLinkRunner, StoredJobLinks>();
        return services;
    }

    /// <summary>Picks up the jobs nobody works on (<see cref="JobRecovery"/>); added after the job store, in the host's start order.</summary>
    public static IServiceCollection AddVideoBotJobRecovery(this IServiceCollection services) => services.AddHostedService<JobRecovery>();
}
