using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Routing;

namespace VideoBot.Host.Cli;

/// <summary>
/// <c>videobot route [URL...]</c>: one line per URL, <c>plugin-id TAB normalized-url</c> or <c>none TAB url</c>.
/// With no URLs it reads them from stdin, one a line, so it can route a whole file.
/// </summary>
internal static class RouteCommand
{
    public static Command Create()
    {
        var urls = new Argument<string[]>("url") { Description = "URLs to route (default: read from stdin)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("route", "Show which plugin each URL goes to") { urls };
        command.SetAction((parse, ct) => CliApp.GuardAsync(async () =>
        {
            using var host = CliHost.Build(CliApp.Globals(parse));
            var router = host.Services.GetRequiredService<IRouter>();
            var unrouted = 0;
            await foreach (var url in Inputs(parse.GetValue(urls) ?? [], ct))
            {
                var route = router.Route(url);
                if (route.IsRouted)
                {
                    Console.Out.Write($"{route.Candidates[0].Plugin.Id}\t{route.Url!.AbsoluteUri}\n");
                }
                else
                {
                    unrouted++;
                    Console.Out.Write($"none\t{url}\n");
                    if (route.Error is not null)
                    {
                        await Console.Error.WriteLineAsync($"{url}: {route.Error}");
                    }
                }
            }

            return unrouted == 0 ? ExitCodes.Success : ExitCodes.NotRouted;
        }));
        return command;
    }

    private static async IAsyncEnumerable<string> Inputs(string[] arguments, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (arguments.Length > 0)
        {
            foreach (var url in arguments)
            {
                yield return url;
            }

            yield break;
        }

        while (await Console.In.ReadLineAsync(ct) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return line.Trim();
            }
        }
    }
}
