using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Plugins;

namespace VideoBot.Host.PluginLifecycle.Probes;

/// <summary>Registers the live probes: the runner (<c>videobot probe</c>) and the bot's schedule (<c>Plugins:ProbeIntervalMinutes</c>).</summary>
internal static class ProbeServices
{
    public static IServiceCollection AddVideoBotProbes(this IServiceCollection services)
    {
        services.AddSingleton<ProbeRunner>();
        services.AddSingleton<PluginProbes>();
        // Runs only where the host is started (the bot); the command line builds the same services and never starts them.
        services.AddHostedService(sp => sp.GetRequiredService<PluginProbes>());
        return services;
    }
}
