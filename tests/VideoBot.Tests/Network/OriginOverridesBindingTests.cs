using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Hosting;

namespace VideoBot.Tests.Network;

/// <summary>
/// <c>Network:OriginOverrides</c> keys are origins, whose colon is also configuration's separator: they must still bind, from
/// config.yaml and from the environment's <c>Network__OriginOverrides__https://...</c> form alike.
/// </summary>
public sealed class OriginOverridesBindingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("videobot-overrides-").FullName;

    [Fact]
    public void An_origin_key_in_config_yaml_binds_whole()
    {
        var file = Path.Combine(_folder, "config.yaml");
        File.WriteAllText(file, """
            Network:
              AllowPrivateAddresses: true
              OriginOverrides:
                "https://api.example.com": "http://127.0.0.1:8080"
                "http://cdn.example.com:8443": "http://127.0.0.1:9090"
            """);

        var options = Bind(new ConfigurationBuilder().AddYamlFile(file));

        Assert.Equal(2, options.OriginOverrides.Count);
        Assert.Equal("http://127.0.0.1:8080", options.OriginOverrides["https://api.example.com"]);
        Assert.Equal("http://127.0.0.1:9090", options.OriginOverrides["http://cdn.example.com:8443"]);
    }

    [Fact]
    public void An_origin_key_from_the_environment_form_binds_whole()
    {
        // What AddEnvironmentVariables makes of Network__OriginOverrides__https://api.example.com=...
        var options = Bind(new ConfigurationBuilder().AddInMemoryCollection(
            [new("Network:OriginOverrides:https://api.example.com", "http://127.0.0.1:8080")]));

        Assert.Equal("http://127.0.0.1:8080", Assert.Single(options.OriginOverrides).Value);
        Assert.Equal("https://api.example.com", Assert.Single(options.OriginOverrides).Key);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static NetworkOptions Bind(IConfigurationBuilder builder)
    {
        var services = new ServiceCollection().AddLogging(l => l.ClearProviders());
        services.AddVideoBotCore(builder.Build());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<NetworkOptions>>().Value;
    }
}
