namespace VideoBot.Benchmarks.Whole;

/// <summary>
/// A delegated job: a page only yt-dlp reads (the generic plugin hands it over), link to video, with the yt-dlp runs and the
/// page views each link costs. The bot's yt-dlp is a wrapper that logs each run of the system yt-dlp.
/// </summary>
internal static class DelegatedBench
{
    public static async Task<IReadOnlyList<Figure>> DelegatedJobAsync(BenchSite site, int runs)
    {
        var real = new[] { "/usr/local/bin/yt-dlp", "/usr/bin/yt-dlp" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("yt-dlp is not installed: run scripts/setup.sh");
        var folder = Path.Combine(Path.GetTempPath(), "videobot-bench-ytdlp-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var log = Path.Combine(folder, "runs");
        var wrapper = Path.Combine(folder, "yt-dlp");

        // GNU time, where installed, adds each run's CPU seconds: unlike the wall time, they hardly move with the machine's load.
        var cpuLog = Path.Combine(folder, "cpu");
        var timer = File.Exists("/usr/bin/time") ? $"/usr/bin/time -a -o '{cpuLog}' -f '%U %S %C' " : "";
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{log}'\nexec {timer}'{real}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        try
        {
            await using var telegram = await WholeProcessBench.FakeAsync();
            await using var bot = BotProcess.Start(telegram, new Dictionary<string, string> { ["YtDlp__Path"] = wrapper });
            await telegram.WaitForRequestAsync("getUpdates", timeout: TimeSpan.FromSeconds(60));
            var run = 0;
            var ours = await Measure.MedianAsync(runs, async () =>
            {
                var user = telegram.AddUser("Delegated" + run);
                var link = site.PlayerPage("start" + run++);
                return await Measure.SecondsAsync(async () =>
                {
                    telegram.SendUserMessage(telegram.PrivateChat(user), user, link);
                    await telegram.WaitForMessageAsync(user.Id, m => m.Kind == "video", TimeSpan.FromMinutes(3));
                });
            });
            var processes = MediaRuns(log) / (double)runs;
            var views = site.PlayerPageViews / (double)runs;
            var cpu = MediaCpuSeconds(cpuLog);

            // The least a yt-dlp bot does: one run that reads the page and downloads the video.
            var temp = Path.Combine(folder, "alone.mp4");
            var alone = await Measure.MedianAsync(runs, async () =>
            {
                File.Delete(temp);
                return await Measure.ProcessSecondsAsync(real, "--ignore-config", "-q", "-o", temp, "--", site.PlayerPage("start0"));
            });

            // The same one run, through the wrapper, for its CPU time.
            for (var i = 0; i < runs; i++)
            {
                File.Delete(temp);
                await Measure.ProcessSecondsAsync(wrapper, "--ignore-config", "-q", "-o", temp, "--", site.PlayerPage("start0"));
            }

            var aloneCpu = (MediaCpuSeconds(cpuLog) - cpu) / runs;
            var label = Environment.GetEnvironmentVariable("BENCH_LABEL") is { Length: > 0 } l ? $" ({l})" : "";
            return
            [
                new Figure($"a delegated job (2 MB, the page read by yt-dlp), link to video{label}", ours, "s",
                    "yt-dlp alone reads the page and downloads the video, one run", alone, "≤ 2× yt-dlp alone", ours <= 2 * alone),
                new Figure($"yt-dlp runs per delegated link{label}", processes, "runs", "yt-dlp alone", 1, "(diagnostic)", true),
                new Figure($"yt-dlp CPU time per delegated link (user + system){label}", cpu / runs, "s", "yt-dlp alone, one run", aloneCpu,
                    "(diagnostic)", true),
                // The generic plugin looks at the page before it hands it over; yt-dlp should read it once more, not twice.
                new Figure($"page views per delegated link, the plugin's own look included{label}", views, "views", "yt-dlp alone", 1,
                    "2: the plugin's look, one yt-dlp extraction", views <= 2),
            ];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The CPU seconds of yt-dlp's runs for media in GNU time's log (<c>%U %S %C</c>); 0 without it.</summary>
    private static double MediaCpuSeconds(string log) => File.Exists(log)
        ? File.ReadLines(log)
            .Where(l => !l.Contains("--version", StringComparison.Ordinal) && !l.Contains("--help", StringComparison.Ordinal)
                && !l.Contains("--list-impersonate-targets", StringComparison.Ordinal))
            .Select(l => l.Split(' ', 3))
            .Where(p => p.Length == 3)
            .Sum(p => double.TryParse(p[0], System.Globalization.CultureInfo.InvariantCulture, out var user)
                && double.TryParse(p[1], System.Globalization.CultureInfo.InvariantCulture, out var system) ? user + system : 0)
        : 0;

    /// <summary>yt-dlp's runs for media; the capability checks (<c>--version</c>, <c>--help</c>, the impersonation list) are left out.</summary>
    private static int MediaRuns(string log) => File.Exists(log)
        ? File.ReadLines(log).Count(l => !l.Contains("--version", StringComparison.Ordinal) && !l.Contains("--help", StringComparison.Ordinal)
            && !l.Contains("--list-impersonate-targets", StringComparison.Ordinal))
        : 0;
}
