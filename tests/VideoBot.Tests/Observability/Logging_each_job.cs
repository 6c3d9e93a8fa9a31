using System.Globalization;
using System.Text.Json;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.Observability;

/// <summary>The bot's structured logs (Serilog, compact JSON to a file through configuration alone): the properties of a job's lines.</summary>
public sealed class Logging_each_job : IAsyncLifetime
{
    private readonly string _log = Path.Combine(Path.GetTempPath(), "videobot-log-" + Guid.NewGuid().ToString("N") + ".json");
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Serilog:MinimumLevel:Default"] = "Information",
        ["Serilog:Using:0"] = "Serilog.Sinks.File",
        ["Serilog:WriteTo:0:Name"] = "File",
        ["Serilog:WriteTo:0:Args:path"] = _log,
        ["Serilog:WriteTo:0:Args:formatter"] = "Serilog.Formatting.Compact.CompactJsonFormatter, Serilog.Formatting.Compact",
    });

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        File.Delete(_log);
    }

    private async Task<List<JsonElement>> LinesAsync()
    {
        await _bot.StopBotAsync();
        var lines = new List<JsonElement>();
        foreach (var line in await File.ReadAllLinesAsync(_log))
        {
            using var document = JsonDocument.Parse(line);
            lines.Add(document.RootElement.Clone());
        }

        return lines;
    }

    [Fact]
    public async Task Every_line_of_a_job_carries_its_job_id_hashed_user_plugin_and_outcome()
    {
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, _bot.Site.AddPage("logged", "Logged"));
        await _bot.ReplyAsync(user, m => m.Kind == "video");
        await _bot.IdleAsync();

        var lines = await LinesAsync();
        var job = lines.Where(l => l.TryGetProperty("JobId", out _)).ToList();

        Assert.True(job.Count >= 2, "expected the job's own lines and its closing line");
        Assert.Single(job.Select(l => l.GetProperty("JobId").GetString()).Distinct());
        Assert.All(job, l =>
        {
            Assert.Matches("^[0-9a-f]{12}$", l.GetProperty("UserHash").GetString());
            Assert.True(l.TryGetProperty("Plugin", out _));
            Assert.True(l.TryGetProperty("Outcome", out _));
        });
        var closing = job.Single(l => l.GetProperty("@mt").GetString()!.StartsWith("Job finished", StringComparison.Ordinal));
        Assert.Equal("success", closing.GetProperty("Outcome").GetString());
        Assert.Equal("generic", closing.GetProperty("Plugin").GetString());
        Assert.Contains(job, l => l.GetProperty("@mt").GetString()!.StartsWith("Sent {Url}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_raw_user_id_is_never_logged_and_one_user_keeps_one_pseudonym()
    {
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, _bot.Site.AddPage("one", "One"));
        await _bot.ReplyAsync(user, m => m.Kind == "video");
        await _bot.IdleAsync();
        _bot.Say(user, _bot.Site.AddPage("two", "Two"));
        await _bot.Telegram.WaitForAsync(() => _bot.Telegram.Messages(user.Id).Count(m => m.Kind == "video") == 2 ? "two" : null, TimeSpan.FromSeconds(30));
        await _bot.IdleAsync();

        var lines = await LinesAsync();
        var id = user.Id.ToString(CultureInfo.InvariantCulture);

        Assert.DoesNotContain(await File.ReadAllLinesAsync(_log), l => l.Contains(id, StringComparison.Ordinal));
        var jobs = lines.Where(l => l.TryGetProperty("JobId", out _)).ToList();
        Assert.Equal(2, jobs.Select(l => l.GetProperty("JobId").GetString()).Distinct().Count());
        Assert.Single(jobs.Select(l => l.GetProperty("UserHash").GetString()).Distinct());
    }
}
