using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Configuration;
using VideoBot.Host.Downloading;
using VideoBot.Host.Extraction;
using VideoBot.Host.Network;
using VideoBot.Host.Plugins;
using VideoBot.Host.Plugins.HotSwap;
using VideoBot.Host.PluginLifecycle.HotSwap;
using VideoBot.Host.PluginLifecycle.Probes;
using VideoBot.Host.Admission.Breaker;
using VideoBot.Host.Routing;
using VideoBot.Host.YtDlp;
using VideoBot.Host.PluginTesting;
using VideoBot.Host.Media;

namespace VideoBot.Host.Hosting;

/// <summary>Registers what the bot and the operator commands share: options, plugins, routing, network, extraction, downloads.</summary>
internal static class CoreServices
{
    public static IServiceCollection AddVideoBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PluginsOptions>().Bind(configuration.GetSection(PluginsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NetworkOptions>().Bind(configuration.GetSection(NetworkOptions.Section))
            .PostConfigure(o => OriginOverridesBinding.Read(configuration, o)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<YtDlpOptions>().Bind(configuration.GetSection(YtDlpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<HostPaths>();
        services.AddVideoBotNetwork();
        services.AddSingleton<PluginCatalog>();
        services.AddSingleton<IPluginCatalog>(sp => sp.GetRequiredService<PluginCatalog>());
        services.AddSingleton<IRouter, Router>();
        services.AddVideoBotYtDlp();
        services.AddSingleton<FfmpegClipper>();
        services.AddSingleton<IMediaDownloader, MediaDownloader>();
        services.AddSingleton<PluginInvoker>();
        services.AddVideoBotResilience(configuration);
        services.AddSingleton<PluginTestRunner>();
        services.AddSingleton<TestRecorder>();
        services.AddSingleton<ChildValidation>();
        services.AddVideoBotHotSwap();
        services.AddVideoBotProbes();
        return services;
    }
}
