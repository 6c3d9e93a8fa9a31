using System.CommandLine;

namespace VideoBot.Host.Cli;

/// <summary><c>videobot</c> or <c>videobot run</c>: runs the bot. ASP.NET's own options (<c>--urls</c>) pass through.</summary>
internal static class RunCommand
{
    public static Command Create(string[] args)
    {
        var command = new Command("run", "Run the bot (the default)") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction((parse, ct) => RunBotAsync(parse, args.Where(a => a != "run").ToArray(), ct));
        return command;
    }

    public static Task<int> RunBotAsync(ParseResult parse, string[] args, CancellationToken ct) =>
        CliApp.GuardAsync(() => BotApp.RunAsync(args, CliApp.Globals(parse), ct));
}
