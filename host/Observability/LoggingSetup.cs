using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;

namespace VideoBot.Host.Observability;

/// <summary>Where console log lines go: the bot's stdout, or stderr for an operator command whose stdout is its output.</summary>
internal enum LogConsole
{
    StandardOutput,
    StandardError,
}

/// <summary>
/// The one logging set-up of the process, for the bot and the operator commands alike: Serilog with the same console line,
/// the same quiet framework categories, and the same <c>Serilog</c> configuration section (levels, more sinks, a JSON file...).
/// </summary>
internal static class LoggingSetup
{
    /// <summary>The console line: time, level, category, message, then the exception if any.</summary>
    public const string ConsoleTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Replaces the app's logger factory with Serilog, configured from <paramref name="configuration"/>'s <c>Serilog</c> section
    /// over these defaults: <paramref name="minimumLevel"/>, ASP.NET Core and HttpClient's per-request lines at Warning, and the
    /// console line on <paramref name="console"/>.
    /// </summary>
    public static IServiceCollection AddVideoBotLogging(
        this IServiceCollection services, IConfiguration configuration, LogEventLevel minimumLevel, LogConsole console)
    {
        // preserveStaticLogger: each app logs through its own logger. Without it Serilog routes every app through the static
        // Log.Logger (the last one built), and disposing any app silences the rest: wrong as soon as two run in one process.
        return services.AddSerilog(preserveStaticLogger: true, configureLogger: (_, logger) => logger
            .MinimumLevel.Is(minimumLevel)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .ReadFrom.Configuration(configuration)
            .WriteTo.Console(
                outputTemplate: ConsoleTemplate,
                standardErrorFromLevel: console == LogConsole.StandardError ? LogEventLevel.Verbose : null));
    }
}
