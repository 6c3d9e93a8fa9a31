using System.Text.RegularExpressions;
using VideoBot.Tests.Observability;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.Plugins.Probes;

/// <summary>
/// <c>Plugins:ProbeIntervalMinutes</c> in the running bot, against replayed sites: the first round runs at start, its outcomes
/// and users' jobs show in <c>videobot_platform_success_ratio</c> by source, and <c>/status</c> tells users, in English and
/// Romanian, which platform works and which fails since when and why.
/// </summary>
public sealed partial class Probing_inside_the_bot : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private ProbedSites _sites = null!;
    private BotHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _sites = await ProbedSites.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Plugins:Directory"] = _sites.Directory,
            ["Plugins:ProbeIntervalMinutes"] = "60",
        };
        foreach (var (origin, target) in _sites.OriginOverrides)
        {
            settings[$"Network:OriginOverrides:{origin}"] = target;
        }

        foreach (var (key, value) in _sites.OperatorSettings)
        {
            settings[key] = value;
        }

        _bot = await BotHarness.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _bot.DisposeAsync();
        await _sites.DisposeAsync();
    }

    private async Task<PrometheusText> ScrapeAsync() =>
        PrometheusText.Parse(await _http.GetStringAsync(new Uri(_bot.BotUrl, "/metrics")));

    /// <summary>Waits for the first round of probes to be counted: every plugin has its probes' series.</summary>
    private async Task<PrometheusText> AfterTheFirstRoundAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var metrics = await ScrapeAsync();
            if (new[] { "streamable", "clips-changed", "clips-gone" }.All(p => metrics.Value("videobot_platform_success_ratio", ("plugin", p), ("source", "probes")) is not null))
            {
                return metrics;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    [Fact]
    public async Task Probe_outcomes_and_jobs_are_exported_as_success_ratios_by_source()
    {
        var metrics = await AfterTheFirstRoundAsync();

        Assert.Equal("gauge", metrics.TypeOf("videobot_platform_success_ratio"));
        Assert.Equal(1, metrics.Value("videobot_platform_success_ratio", ("plugin", "streamable"), ("source", "probes")));
        Assert.Equal(0, metrics.Value("videobot_platform_success_ratio", ("plugin", "clips-changed"), ("source", "probes")));
        Assert.Equal(0, metrics.Value("videobot_platform_success_ratio", ("plugin", "clips-gone"), ("source", "probes")));
        Assert.Null(metrics.Value("videobot_platform_success_ratio", ("plugin", "streamable"), ("source", "jobs")));

        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, "https://streamable.com/moo");
        await _bot.ReplyAsync(user, m => m.Kind == "video");
        await _bot.IdleAsync();

        metrics = await ScrapeAsync();
        Assert.Equal(1, metrics.Value("videobot_platform_success_ratio", ("plugin", "streamable"), ("source", "jobs")));
        Assert.Equal(1, metrics.Value("videobot_platform_success_ratio", ("plugin", "streamable"), ("source", "probes")));
    }

    [Fact]
    public async Task Status_tells_users_in_english_which_platform_works_and_which_fails_since_when_and_why()
    {
        await AfterTheFirstRoundAsync();
        var user = _bot.Telegram.AddUser("Ana");

        _bot.Say(user, "/status");
        var reply = await _bot.ReplyAsync(user, m => m.Text?.StartsWith("How the sites worked", StringComparison.Ordinal) == true);

        var lines = reply.Text!.Split('\n');
        Assert.Equal("How the sites worked in the last hour", lines[0]);
        Assert.Contains("✅ Streamable: works", lines);
        Assert.Matches(Since("❌ Changed Clips: failing since ", " UTC: the site changed"), Line(lines, "Changed Clips"));
        Assert.Matches(Since("❌ Gone Clips: failing since ", " UTC: a post that should be there is gone"), Line(lines, "Gone Clips"));
    }

    [Fact]
    public async Task Status_speaks_romanian_to_a_romanian_user()
    {
        await AfterTheFirstRoundAsync();
        var user = _bot.Telegram.AddUser("Ioana", languageCode: "ro");

        _bot.Say(user, "/status");
        var reply = await _bot.ReplyAsync(user, m => m.Text?.StartsWith("Cum au mers", StringComparison.Ordinal) == true);

        var lines = reply.Text!.Split('\n');
        Assert.Contains("✅ Streamable: merge", lines);
        Assert.Matches(Since("❌ Changed Clips: nu merge de la ", " UTC: site-ul s-a schimbat"), Line(lines, "Changed Clips"));
        Assert.Matches(Since("❌ Gone Clips: nu merge de la ", " UTC: o postare care ar trebui să existe a dispărut"), Line(lines, "Gone Clips"));
    }

    [Fact]
    public void Status_is_in_the_command_menu_in_both_languages()
    {
        var calls = _bot.Telegram.Requests.Where(r => r.Method == "setMyCommands").ToList();

        Assert.Equal(2, calls.Count);
        Assert.Contains("\"command\":\"status\",\"description\":\"Whether each site works now\"", calls[0].Parameters["commands"], StringComparison.Ordinal);
        Assert.Contains("\"command\":\"status\"", calls[1].Parameters["commands"], StringComparison.Ordinal);
    }

    private static string Line(string[] lines, string name) => lines.Single(l => l.Contains(name + ":", StringComparison.Ordinal));

    private static Regex Since(string before, string after) => new($"^{Regex.Escape(before)}\\d\\d:\\d\\d{Regex.Escape(after)}$");
}
