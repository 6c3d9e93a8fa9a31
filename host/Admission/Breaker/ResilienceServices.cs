using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VideoBot.Host.Configuration;
using VideoBot.Host.Extraction;
using VideoBot.Host.Observability;

namespace VideoBot.Host.Admission.Breaker;

internal static class ResilienceServices
{
    /// <summary>
    /// Binds <c>Resilience</c> and makes <see cref="IExtractionService"/> the resilient one (retries, a circuit per platform)
    /// around the plain <see cref="ExtractionService"/>, and
    /// <see cref="LinkExtraction"/> for a raw link.
    /// </summary>
    public static IServiceCollection AddVideoBotResilience(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ResilienceOptions>().Bind(configuration.GetSection(ResilienceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BotMetrics>();
        services.AddSingleton<PlatformPipelines>();
        services.AddSingleton<ExtractionService>();
        services.AddSingleton<IExtractionService, ResilientExtractionService>();
        services.AddSingleton<LinkExtraction>();
        return services;
    }
}
