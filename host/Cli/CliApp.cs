using System.CommandLine;
using Microsoft.Extensions.Options;
using VideoBot.Host.Hosting;
using VideoBot.Sdk.Extraction;
using VideoBot.Host.Configuration;
using VideoBot.Host.Media;

namespace VideoBot.Host.Cli;

/// <summary>
/// The command line. With no command (or <c>run</c>) the executable runs the bot; the other commands are operator tools
/// that need no Telegram token.
/// </summary>
internal static class CliApp
{
    public static readonly Option<string?> ConfigOption = new("--config")
    {
        Description = "The config file (default: $VIDEOBOT_CONFIG, else ./config.yaml)",
        Recursive = true,
    };

    public static readonly Option<string?> PluginsOption = new("--plugins")
    {
        Description = "The plugins folder (overrides Plugins:Directory)",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("VideoBot: a Telegram bot that answers links with their videos, and its operator tools.")
        {
            ConfigOption,
            PluginsOption,
            RunCommand.Create(args),
            PluginsCommand.Create(),
            RouteCommand.Create(),
            ExtractCommand.Create(),
            GetCommand.Create(),
            ValidateCommand.Create(),
            RecordCommand.Create(),
            ProbeCommand.Create(),
        };
        root.SetAction((parse, ct) => RunCommand.RunBotAsync(parse, args, ct));
        // The bot is an ASP.NET app: its own options (--urls, --environment) are not ours to reject.
        root.TreatUnmatchedTokensAsErrors = false;

        // Unmatched tokens are let through for ASP.NET, but those are options (--urls ...): a bare first word is a mistyped command.
        if (args.Length > 0 && !args[0].StartsWith('-') && !root.Subcommands.Any(c => c.Name == args[0]))
        {
            await Console.Error.WriteLineAsync($"videobot: unknown command '{args[0]}'; the commands are {string.Join(", ", root.Subcommands.Select(c => c.Name))}.");
            await Console.Error.WriteLineAsync("Try 'videobot --help'.");
            return ExitCodes.Usage;
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync("videobot: " + error.Message);
            }

            await Console.Error.WriteLineAsync("Try 'videobot --help'.");
            return ExitCodes.Usage;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await parsed.InvokeAsync(new InvocationConfiguration(), cancel.Token);
    }

    /// <summary>The options every command shares, with the config file located.</summary>
    public static GlobalOptions Globals(ParseResult parse) =>
        new(VideoBotConfiguration.LocateConfigFile(parse.GetValue(ConfigOption)), parse.GetValue(PluginsOption));

    /// <summary>
    /// Runs a command body, turning the failures an operator can act on into one clear line on stderr and an exit code.
    /// </summary>
    public static async Task<int> GuardAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("videobot: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (FileNotFoundException ex) when (ex.FileName is not null && ex.Message.Contains("config file", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("videobot: " + ex.Message);
            return ExitCodes.Config;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("videobot: invalid configuration: " + string.Join("; ", ex.Failures));
            return ExitCodes.Config;
        }
        catch (Media.MediaTooLargeException ex)
        {
            await Console.Error.WriteLineAsync("videobot: " + ex.Message);
            return ExitCodes.Failed;
        }
        catch (ExtractionException ex)
        {
            await Console.Error.WriteLineAsync($"videobot: {ex.Kind}: {ex.Message}");
            return ex.Kind switch
            {
                ExtractionErrorKind.UnsupportedUrl => ExitCodes.NotRouted,
                ExtractionErrorKind.PermissionDenied => ExitCodes.Refused,
                _ => ExitCodes.Failed,
            };
        }
    }
}
