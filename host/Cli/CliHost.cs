using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoBot.Host.Configuration;
using VideoBot.Host.Hosting;

namespace VideoBot.Host.Cli;

/// <summary>
/// The services an operator command needs: the same core as the bot (config, plugins, routing, network, downloads), with
/// no Telegram token and no web server, and logs on stderr so stdout stays machine-readable.
/// </summary>
internal static class CliHost
{
    public static IHost Build(GlobalOptions options, LogLevel minimumLevel = LogLevel.Warning)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddVideoBotConfiguration(options.ConfigFile, options.Overrides());
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
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
