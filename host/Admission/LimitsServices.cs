using Microsoft.Extensions.DependencyInjection;

namespace VideoBot.Host.Admission;

internal static class LimitsServices
{
    /// <summary>
    /// Registers the job limits: the queue's load, the temporary disk (its leftovers removed at start) and the per-job guard.
    /// <c>Limits</c> itself is bound with the Telegram services.
    /// </summary>
    public static IServiceCollection AddVideoBotLimits(this IServiceCollection services)
    {
        services.AddSingleton<JobLoad>();
        services.AddSingleton<TempDisk>();
        services.AddSingleton<JobGuard>();
        services.AddHostedService<TempCleanup>();
        return services;
    }
}
