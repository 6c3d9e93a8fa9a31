using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Network;

internal static class NetworkServiceCollectionExtensions
{
    /// <summary>
    /// Registers the gateway (<see cref="IHttpGateway"/>) and the egress proxy as singletons, and the origin-override validation.
    /// Binding <see cref="NetworkOptions"/> to configuration is the caller's part.
    /// </summary>
    public static IServiceCollection AddVideoBotNetwork(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<NetworkOptions>, NetworkOptionsValidator>();
        services.AddSingleton<HttpGateway>();
        services.AddSingleton<IHttpGateway>(sp => sp.GetRequiredService<HttpGateway>());
        services.AddSingleton<EgressProxy>();
        return services;
    }
}
