using VideoBot.Host.Cli;

namespace VideoBot.Host;

internal static class Program
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args);
}
