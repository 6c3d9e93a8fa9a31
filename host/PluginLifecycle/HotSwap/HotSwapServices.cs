using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Plugins;
using VideoBot.Host.Plugins.HotSwap;

namespace VideoBot.Host.PluginLifecycle.HotSwap;

/// <summary>Registers the hot swap: the swapper, the folder watcher, health reporting and the optional canary.</summary>
internal static class HotSwapServices
{
    public static IServiceCollection AddVideoBotHotSwap(this IServiceCollection services)
    {
        services.AddSingleton<PluginOverrides>();
        services.AddSingleton<PluginNotices>();
        services.AddSingleton<HealthRecorder>();
        services.AddSingleton<PluginSwapper>();
        services.AddSingleton<PluginCanary>();
        services.AddHostedService<PluginWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PluginCanary>());
        return services;
    }
}
