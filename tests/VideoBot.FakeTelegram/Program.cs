using System.Globalization;

namespace VideoBot.FakeTelegram;

/// <summary>
/// Runs the fake as a standalone server for manual demos:
/// <c>dotnet VideoBot.FakeTelegram.dll --urls http://127.0.0.1:8081 --token 123:ABC [--username name] [--upload-limit-mb 50] [--inline]</c>
/// (<c>--inline</c>: inline mode on, as BotFather's /setinline).
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = new FakeBotApiOptions { Urls = "http://127.0.0.1:8081", ConsoleLogging = true };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--urls" when value is not null:
                    options.Urls = value;
                    i++;
                    break;
                case "--token" when value is not null:
                    options.Token = value;
                    i++;
                    break;
                case "--username" when value is not null:
                    options.Username = value;
                    i++;
                    break;
                case "--upload-limit-mb" when value is not null:
                    options.MaxUploadBytes = long.Parse(value, CultureInfo.InvariantCulture) * 1024 * 1024;
                    i++;
                    break;
                case "--inline":
                    options.SupportsInlineQueries = true;
                    break;
                case "--help" or "-h":
                    await Console.Out.WriteLineAsync("Usage: VideoBot.FakeTelegram [--urls URL] [--token ID:SECRET] [--username NAME] [--upload-limit-mb N] [--inline]");
                    return 0;
                default:
                    await Console.Error.WriteLineAsync($"Unknown or incomplete option: {args[i]} (try --help)");
                    return 2;
            }
        }

        await using var server = await FakeBotApiServer.StartAsync(options);
        await Console.Out.WriteLineAsync(Control.ControlApi.Usage(server.ApiBaseUrl, server.Token));
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
        await stop.Task;
        return 0;
    }
}
