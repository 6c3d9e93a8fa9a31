using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VideoBot.Host.Jobs;
using VideoBot.Host.Hosting;

namespace VideoBot.Host.Observability;

internal static class ObservabilityServices
{
    /// <summary>Registers the metrics and the user hasher the job logging scopes use. The readiness checks and the endpoints belong to the web host (<c>Hosting/</c>).</summary>
    public static IServiceCollection AddVideoBotObservability(this IServiceCollection services)
    {
        services.TryAddSingleton<BotMetrics>();
        services.AddSingleton<UserHasher>();
        return services;
    }
}
