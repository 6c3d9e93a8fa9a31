using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VideoBot.Host.Caching;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Jobs;

/// <summary>Registers the job queue: SQLite by default, Redis when <c>Cache:Redis</c> is set.</summary>
internal static class JobServices
{
    /// <summary>Call before the job tracker's hosted service is added: the leases must outlive the jobs at shutdown.</summary>
    public static IServiceCollection AddVideoBotJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<JobObserver>();
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddVideoBotRedis();
        services.TryAddSingleton<RedisJobStore>();
        services.TryAddSingleton<SqliteJobStore>();
        services.TryAddSingleton<IJobStore>(sp => CachingServices.UsesRedis(sp) ? sp.GetRequiredService<RedisJobStore>() : sp.GetRequiredService<SqliteJobStore>());
        services.AddSingleton<JobLeases>();
        services.AddSingleton<JobExecutor>();
        services.AddSingleton<JobStatusRecords>();
        services.AddSingleton<JobIntake>();
        services.AddSingleton<LinkAdmission>();
        services.AddHostedService(sp => sp.GetRequiredService<JobLeases>());
        return services;
    }
}
