using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog.Events;
using VideoBot.Host.Configuration;
using VideoBot.Host.Hosting;
using VideoBot.Host.Observability;
using VideoBot.Host.Telegram;

namespace VideoBot.Host.Cli;

/// <summary>
/// The bot as a process: an ASP.NET Core app (for the webhook and the Generic Host's lifetime) with its logs on stdout (<see cref="LoggingSetup"/>),
/// configuration from config.yaml and the environment, the core services and the Telegram ones. Listens where ASP.NET is told
/// (<c>--urls</c>, <c>ASPNETCORE_URLS</c>), by default on http://127.0.0.1:8080.
/// </summary>
internal static class BotApp
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Runs the bot until <paramref name="cancellationToken"/> fires or the host is asked to stop.</summary>
    /// <exception cref="OptionsValidationException">A setting is missing or wrong; the messages say which and how to fix it.</exception>
    public static async Task<int> RunAsync(string[] args, GlobalOptions options, CancellationToken cancellationToken)
    {
        await using var app = Build(args, options);
        Validate(app.Services);
        await app.StartAsync(cancellationToken);
        try
        {
            await app.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await app.StopAsync(CancellationToken.None);
        return ExitCodes.Success;
    }

    /// <summary>Builds the app; <paramref name="configure"/> may add configuration or services before it is built.</summary>
    public static WebApplication Build(string[] args, GlobalOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        // The slim builder: no IIS integration, no HTTPS or HTTP/3 in Kestrel (TLS ends at the proxy in front, see the
        // operator's guide), so those assemblies are never loaded (3-4 MB resident). The content root is the app's own
        // folder, and appsettings.json is not watched: by default both are the current folder, watched recursively through
        // inotify (every folder under it, and a wake-up for every write there: from /tmp or a home folder, thousands of
        // watches and seconds of start-up). The bot's settings live in config.yaml.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddVideoBotConfiguration(options.ConfigFile, options.Overrides());
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        builder.Services.AddVideoBotLogging(builder.Configuration, LogEventLevel.Information, LogConsole.StandardOutput);
        builder.Services.AddVideoBotCore(builder.Configuration);
        builder.Services.AddVideoBotTelegram(builder.Configuration);
        builder.Services.AddVideoBotReadiness();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapVideoBotTelegram();
        app.MapVideoBotObservability();
        return app;
    }

    /// <summary>
    /// Checks every setting validated at start before the host starts, so a bad setting ends the process with its message
    /// alone (the caller prints it), not with the host's start-up failure log and stack trace.
    /// </summary>
    public static void Validate(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            var failures = e.InnerExceptions.Cast<OptionsValidationException>().ToList();
            throw new OptionsValidationException(failures[0].OptionsName, failures[0].OptionsType, failures.SelectMany(f => f.Failures));
        }
    }
}
