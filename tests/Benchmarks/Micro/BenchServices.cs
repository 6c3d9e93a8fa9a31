using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Hosting;

namespace VideoBot.Benchmarks.Micro;

/// <summary>The host's core services (plugins, routing, network, extraction) over the repository's plugins/, as the CLI builds them.</summary>
internal static class BenchServices
{
    public static ServiceProvider Build(bool allowPrivateAddresses = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plugins:Directory"] = BenchPaths.Plugins,
            ["Plugins:Watch"] = "false",
            ["Storage:Directory"] = Path.Combine(Path.GetTempPath(), "videobot-bench-storage"),
            ["Network:AllowPrivateAddresses"] = allowPrivateAddresses ? "true" : "false",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddVideoBotCore(configuration);
        return services.BuildServiceProvider();
    }
}
