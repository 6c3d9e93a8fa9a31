using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.FakeTelegram;
using VideoBot.Tests.Cli;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Hostile;

/// <summary>
/// A user's link to a page built to make the HTML parser slow or large, taken by the bundled <c>generic</c> plugin in the real
/// bot process: the job ends with an answer, and it leaves nothing behind, no core still parsing after it and no memory beyond
/// the run's budget. Measured on the bot's own process (/proc/PID), so the test's other work does not count.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class Hostile_pages_stay_within_the_runs_limits
{
    // generic's manifest: 4096 KB responses, 32 MB of memory.
    private const int PageBytes = 4_000_000;
    private const long GenericBudgetBytes = 32L * 1024 * 1024;

    [Fact]
    public async Task A_page_of_deeply_nested_divs_leaves_the_host_idle_within_a_second_of_the_jobs_end()
    {
        var page = Repeat("<div>", PageBytes / 5);

        await using var run = await GenericRun.StartAsync(page);
        var answer = await run.AnswerAsync();
        var afterEnd = CpuSeconds(run.Bot.Id);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var oneSecondLater = CpuSeconds(run.Bot.Id);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var sixSecondsLater = CpuSeconds(run.Bot.Id);

        // Not a speed assertion: a parse left running keeps a core busy (up to 5 s of CPU over these 5 s, half that on a
        // machine shared with other work); an idle bot uses almost none (polling, background JIT tiering and GC: a few
        // tenths at most). A quarter of a core separates the two.
        var used = sixSecondsLater - oneSecondLater;
        Assert.True(used < 1.25,
            $"the bot used {used:0.00} s of CPU in the 5 s from 1 s after the job's end (first second: {oneSecondLater - afterEnd:0.00} s); answer: {answer.Text}");
    }

    [Fact]
    public async Task A_page_of_millions_of_flat_paragraphs_keeps_the_host_within_the_runs_memory_budget_plus_a_fixed_margin()
    {
        var page = Repeat("<p>", PageBytes / 3);

        await using var run = await GenericRun.StartAsync(page);
        var before = Status(run.Bot.Id, "VmRSS:");
        await run.AnswerAsync();
        var peak = Status(run.Bot.Id, "VmHWM:");

        // The margin covers the page in transit (bytes, then UTF-16), the response buffers and the GC's slack; an
        // unbounded parse of this page holds over a million elements, several hundred MB.
        const long margin = 160L * 1024 * 1024;
        Assert.True(peak - before <= GenericBudgetBytes + margin,
            $"the bot's peak resident memory grew by {(peak - before) / (1024 * 1024)} MB during the job; allowed {(GenericBudgetBytes + margin) / (1024 * 1024)} MB");
    }

    private static string Repeat(string tag, int times) => new StringBuilder(tag.Length * times).Insert(0, tag, times).ToString();

    private static double CpuSeconds(int pid)
    {
        // Fields 14 and 15 of /proc/PID/stat (after the parenthesized name): user and system time in clock ticks.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static long Status(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The bot process with the repository's plugins, a fixture site serving the page, and one user sending its link.</summary>
    private sealed class GenericRun : IAsyncDisposable
    {
        private readonly FixtureSite _site;
        private readonly FakeBotApiServer _telegram;
        private readonly TempFolder _storage;
        private readonly long _chat;

        private GenericRun(FixtureSite site, FakeBotApiServer telegram, TempFolder storage, VideobotProcess.Running bot, long chat)
        {
            (_site, _telegram, _storage, Bot, _chat) = (site, telegram, storage, bot, chat);
        }

        public VideobotProcess.Running Bot { get; }

        public static async Task<GenericRun> StartAsync(string page)
        {
            var site = await FixtureSite.StartAsync(app => app.MapGet("/article", () => Results.Text(page, "text/html; charset=utf-8")));
            var telegram = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = VideoBot.Tests.TelegramBot.Support.BotHarness.Token });
            var storage = new TempFolder();
            var bot = VideobotProcess.Start([], VideobotProcess.BotEnvironment(telegram, storage.Path));
            var ana = telegram.AddUser("Ana");
            // The bot is up once it has asked for updates; only then is its resident memory the baseline.
            await bot.UnlessExitedAsync(telegram.WaitForRequestAsync("getUpdates", timeout: TimeSpan.FromSeconds(60)));
            var run = new GenericRun(site, telegram, storage, bot, ana.Id);
            telegram.SendUserMessage(telegram.PrivateChat(ana), ana, site.Url("/article").AbsoluteUri);
            return run;
        }

        /// <summary>Waits for the job's final answer: the status message's last text, after extracting.</summary>
        public Task<VideoBot.FakeTelegram.State.FakeMessage> AnswerAsync() =>
            Bot.UnlessExitedAsync(_telegram.WaitForAsync(
                () => _telegram.Messages(_chat).FirstOrDefault(m => m.Kind == "text" && m.Text != "Extracting…" && !m.Text!.StartsWith("Downloading", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(90),
                "the job's answer"));

        public async ValueTask DisposeAsync()
        {
            await Bot.DisposeAsync();
            await _telegram.DisposeAsync();
            await _site.DisposeAsync();
            _storage.Dispose();
        }
    }
}
