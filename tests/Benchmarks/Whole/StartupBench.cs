using System.Diagnostics;
using VideoBot.FakeTelegram;

namespace VideoBot.Benchmarks.Whole;

/// <summary>Cold start and memory: how soon the bot polls and answers, and what it holds idle and at the peak of a large job.</summary>
internal static class StartupBench
{
    public static async Task<Figure[]> ColdStartAsync(BenchSite site, int runs)
    {
        var toPoll = new List<double>();
        var toAnswer = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            await using var telegram = await WholeProcessBench.FakeAsync();
            var user = telegram.AddUser("Ana");
            // Waiting before the bot starts, as a message sent while it was down would.
            telegram.SendUserMessage(telegram.PrivateChat(user), user, site.Page("start" + i));
            await using var bot = BotProcess.Start(telegram);
            var poll = await telegram.WaitForRequestAsync("getUpdates", timeout: TimeSpan.FromSeconds(60));
            await telegram.WaitForMessageAsync(user.Id, m => m.Kind == "video", TimeSpan.FromSeconds(60));
            toPoll.Add((poll.ReceivedAt - bot.StartedAt).TotalSeconds);
            toAnswer.Add((DateTimeOffset.UtcNow - bot.StartedAt).TotalSeconds);
        }

        var help = await Measure.MedianAsync(runs, () => Measure.ProcessSecondsAsync(BenchPaths.Videobot, "--help"));
        var poll1 = Median(toPoll);
        var answer = Median(toAnswer);
        return
        [
            new("cold start → first getUpdates", poll1, "s", "`videobot --help` (runtime start)", help, "< 1 s", poll1 < 1),
            new("cold start → first answered link (2 MB video)", answer, "s", "`videobot --help` (runtime start)", help, "< 10 s (design)", answer < 10),
        ];
    }

    public static async Task<Figure[]> MemoryAsync(BenchSite site, string bigFile)
    {
        var (baseline, baselinePrivate) = await MinimalAspNetIdleMbAsync();
        await using var telegram = await WholeProcessBench.FakeAsync();
        var user = telegram.AddUser("Ana");
        await using var bot = BotProcess.Start(telegram);
        await telegram.WaitForRequestAsync("getUpdates", timeout: TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idle = bot.ResidentMb;
        var idlePrivate = bot.PrivateMb;

        telegram.SendUserMessage(telegram.PrivateChat(user), user, site.Page("big"));
        await telegram.WaitForMessageAsync(user.Id, m => m.Kind == "video", TimeSpan.FromMinutes(3));
        var peak = bot.PeakResidentMb;
        var fileMb = new FileInfo(bigFile).Length / 1024.0 / 1024.0;
        return
        [
            new("resident memory, idle, all plugins loaded", idle, "MB", "a minimal ASP.NET Core app idle (the fake Bot API)", baseline, "< 100 MB", idle < 100),
            // The rest of the resident set is mapped files (the runtime's and the libraries' code), shared with the page cache.
            new("private memory (RssAnon), idle", idlePrivate, "MB", "the same minimal ASP.NET Core app", baselinePrivate, "(diagnostic)", true),
            new($"peak resident memory, one {fileMb:0} MB video job", peak, "MB", "the video's size", fileMb, "< 150 MB", peak < 150),
        ];
    }

    /// <summary>The fake Bot API's own executable, idle: the least an ASP.NET Core process on this runtime holds.</summary>
    private static async Task<(double Resident, double Private)> MinimalAspNetIdleMbAsync()
    {
        var dll = typeof(FakeBotApiServer).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { dll, "--urls", "http://127.0.0.1:0", "--token", BotProcess.Token })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line && !line.Contains("listening on", StringComparison.Ordinal))
            {
            }

            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var status = File.ReadAllLines($"/proc/{process.Id}/status");
            double Mb(string field) => double.Parse(status.First(l => l.StartsWith(field + ":", StringComparison.Ordinal))[(field.Length + 1)..].Trim().Split(' ')[0],
                System.Globalization.CultureInfo.InvariantCulture) / 1024;
            return (Mb("VmRSS"), Mb("RssAnon"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
