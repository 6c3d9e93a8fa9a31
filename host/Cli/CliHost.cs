using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Events;
using VideoBot.Host.Configuration;
using VideoBot.Host.Hosting;
using VideoBot.Host.Observability;

namespace VideoBot.Host.Cli;

/// <summary>
/// The services an operator command needs: the same core as the bot (config, plugins, routing, network, downloads), with
/// no Telegram token and no web server. Logs are the bot's (<see cref="LoggingSetup"/>: the same line and the same
/// <c>Serilog</c> settings), but on stderr so stdout stays machine-readable, and from Warning up unless the settings say
/// otherwise, so a command prints its answer, not the host's start-up.
/// </summary>
internal static class CliHost
{
    public static IHost Build(GlobalOptions options)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddVideoBotConfiguration(options.ConfigFile, options.Overrides());
        builder.Services.AddVideoBotLogging(builder.Configuration, LogEventLevel.Warning, LogConsole.StandardError);
        builder.Services.AddVideoBotCore(builder.Configuration);
        return builder.Build();
    }
}

/// <summary>Options every command takes.</summary>
/// <param name="ConfigFile">The config file, already located (null: defaults only).</param>
/// <param name="PluginsDirectory">Overrides <c>Plugins:Directory</c>.</param>
internal sealed record GlobalOptions(string? ConfigFile, string? PluginsDirectory)
{
    public IReadOnlyDictionary<string, string?> Overrides()
    {
        var overrides = new Dictionary<string, string?>();
        if (PluginsDirectory is not null)
        {
            // Absolute, because relative settings resolve against the config file's folder, not the shell's.
            overrides["Plugins:Directory"] = Path.GetFullPath(PluginsDirectory);
        }

        return overrides;
    }
}
