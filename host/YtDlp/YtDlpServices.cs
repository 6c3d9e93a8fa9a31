using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VideoBot.Host.YtDlp;

/// <summary>Registers the yt-dlp engine with its capability cache, its run gate and its updater.</summary>
internal static class YtDlpServices
{
    public static IServiceCollection AddVideoBotYtDlp(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<YtDlpCapabilityCache>();
        services.AddSingleton<YtDlpGate>();
        services.AddSingleton<CookieAccounts>();
        services.AddSingleton<YtDlpEngine>();
        services.AddSingleton<YtDlpUpdater>();
        services.AddHostedService<YtDlpAutoUpdate>();
        return services;
    }
}
