using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VideoBot.Host.Observability;

internal static class ObservabilityServices
{
    /// <summary>Registers the metrics, the readiness checks and the job logging scopes. Map the endpoints with <c>MapVideoBotObservability</c>.</summary>
    public static IServiceCollection AddVideoBotObservability(this IServiceCollection services)
    {
        services.TryAddSingleton<BotMetrics>();
        services.AddSingleton<UserHasher>();
        services.AddSingleton<JobObserver>();
        services.AddSingleton<ReadinessChecks.TelegramCheck>();
        services.AddHealthChecks().AddVideoBotReadiness();
        return services;
    }
}
