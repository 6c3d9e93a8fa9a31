using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Manifests;
using VideoBot.Host.Network;

namespace VideoBot.Tests.Network;

/// <summary>Builds real gateways and manifests for the network tests.</summary>
internal static class NetworkTestKit
{
    public static HttpGateway Gateway(bool allowPrivate, Action<NetworkOptions>? configure = null)
    {
        var options = new NetworkOptions { AllowPrivateAddresses = allowPrivate };
        configure?.Invoke(options);
        return new HttpGateway(Options.Create(options), NullLoggerFactory.Instance);
    }

    public static PluginManifest Manifest(string id, params string[] network) => new()
    {
        Id = id,
        Name = id,
        Version = "1.0.0",
        Sdk = "^1.0",
        Kind = PluginKind.Script,
        Entry = "index.js",
        Permissions = new PluginManifest.PermissionsSection { Network = network },
    };

    /// <summary>The manifest permission for a fixture site, which lives on 127.0.0.1.</summary>
    public static string Loopback => "127.0.0.1";
}
