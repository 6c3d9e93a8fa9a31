using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoBot.Host.Cli;
using VideoBot.Host.Network;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.Network;

/// <summary>
/// <c>Network</c> settings data annotations cannot check (<see cref="NetworkOptionsValidator"/>) are refused where they are
/// configured: at the bot's start, and by an operator command as soon as it reaches for the network.
/// </summary>
public sealed class Refusing_bad_network_settings_at_start : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("videobot-network-settings-").FullName;

    [Fact]
    public async Task An_origin_override_that_is_not_an_origin_stops_the_bot_at_start_naming_both_sides()
    {
        var app = BotApp.Build(["--urls", "http://127.0.0.1:0"], new GlobalOptions(null, null), builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Telegram:Token"] = BotHarness.Token,
                ["Storage:Directory"] = Path.Combine(_folder, "data"),
                ["Network:OriginOverrides:https://api.example.com/v1"] = "file:///tmp",
            }));
        await using (app)
        {
            var failure = Assert.Throws<OptionsValidationException>(() => BotApp.Validate(app.Services));

            Assert.Contains(failure.Failures, f => f.Contains("'https://api.example.com/v1' must be an origin", StringComparison.Ordinal));
            Assert.Contains(failure.Failures, f => f.Contains("'file:///tmp' must be an origin", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void An_empty_user_agent_is_refused_by_an_operator_command_before_any_request()
    {
        var config = Path.Combine(_folder, "config.yaml");
        File.WriteAllText(config, """
            Network:
              UserAgent: " "
            """);
        using var host = CliHost.Build(new GlobalOptions(config, null));

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IHttpGateway>());

        Assert.Contains("Network:UserAgent must not be empty", failure.Failures);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
