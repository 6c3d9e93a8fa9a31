using System.Net;
using System.Text.Json;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.Observability;

/// <summary>/metrics, /healthz and /readyz of a running bot, fetched over HTTP and parsed.</summary>
public sealed class Scraping_metrics_and_health : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(new Dictionary<string, string?>
    {
        ["RateLimits:UserBurst"] = "2",
        ["RateLimits:UserPeriodSeconds"] = "3600",
    });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _bot.DisposeAsync();
    }

    private async Task<PrometheusText> ScrapeAsync()
    {
        using var response = await _http.GetAsync(new Uri(_bot.BotUrl, "/metrics"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(_bot.BotUrl, path));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    [Fact]
    public async Task A_job_a_cache_hit_and_a_refusal_are_counted_in_the_metrics()
    {
        var user = _bot.Telegram.AddUser("Ana");
        var link = _bot.Site.AddPage("metrics", "Metrics");
        _bot.Say(user, link);
        await _bot.ReplyAsync(user, m => m.Kind == "video");
        await _bot.IdleAsync();
        _bot.Say(user, link);
        await _bot.Telegram.WaitForAsync(() => _bot.Telegram.Messages(user.Id).Count(m => m.Kind == "video") == 2 ? "two" : null, TimeSpan.FromSeconds(30));
        await _bot.IdleAsync();
        _bot.Say(user, link);
        await _bot.ReplyAsync(user, m => m.Text?.StartsWith("You're", StringComparison.Ordinal) == true);

        var metrics = await ScrapeAsync();

        Assert.Equal("counter", metrics.TypeOf("videobot_jobs_total"));
        Assert.Equal(1, metrics.Value("videobot_jobs_total", ("platform", "generic"), ("outcome", "success")));
        Assert.Equal(1, metrics.Value("videobot_jobs_total", ("platform", "generic"), ("outcome", "cached")));
        Assert.Equal("histogram", metrics.TypeOf("videobot_job_duration_seconds"));
        Assert.Equal(1, metrics.Value("videobot_job_duration_seconds_count", ("platform", "generic"), ("outcome", "success")));
        Assert.Equal(1, metrics.Value("videobot_job_duration_seconds_bucket", ("platform", "generic"), ("outcome", "success"), ("le", "+Inf")));
        Assert.Equal(new FileInfo(_bot.Site.ClipPath).Length, metrics.Value("videobot_uploaded_bytes_total", ("platform", "generic")));
        Assert.Equal(1, metrics.Value("videobot_cache_requests_total", ("result", "hit")));
        Assert.Equal(1, metrics.Value("videobot_cache_requests_total", ("result", "miss")));
        Assert.Equal(1, metrics.Value("videobot_rate_limit_rejections_total", ("limiter", "user")));
        Assert.Equal(0, metrics.Value("videobot_jobs_queued"));
        Assert.Equal(0, metrics.Value("videobot_jobs_running"));
        Assert.Equal(0, metrics.Value("videobot_update_queue_depth"));
        Assert.True(metrics.Value("videobot_process_working_set_bytes") > 0);
        Assert.True(metrics.Value("videobot_process_managed_heap_bytes") > 0);
    }

    [Fact]
    public async Task A_failed_extraction_counts_against_its_plugin()
    {
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, _bot.Site.Site.Url("/watch/missing").AbsoluteUri);
        await _bot.ReplyAsync(user, m => m.Text?.StartsWith("That post doesn't exist", StringComparison.Ordinal) == true);
        await _bot.IdleAsync();

        var metrics = await ScrapeAsync();

        Assert.Equal(1, metrics.Value("videobot_plugin_failures_total", ("plugin", "generic"), ("kind", "NotFound")));
        Assert.Equal(1, metrics.Value("videobot_jobs_total", ("platform", "generic"), ("outcome", "failed")));
    }

    [Fact]
    public async Task Every_plugin_is_one_series_with_its_version_and_status()
    {
        var metrics = await ScrapeAsync();

        Assert.Equal("gauge", metrics.TypeOf("videobot_plugin_info"));
        Assert.Equal(1, metrics.Value("videobot_plugin_info", ("plugin", "generic"), ("version", "1.0.0"), ("status", "Active")));
    }

    [Fact]
    public async Task Liveness_answers_healthy()
    {
        var (status, body) = await HealthAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readiness_checks_plugins_telegram_yt_dlp_disk_and_queue()
    {
        var (status, body) = await HealthAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        var checks = body.GetProperty("checks");
        foreach (var name in new[] { "plugins", "telegram", "disk", "queue" })
        {
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
        }

        // The installed yt-dlp is ready; older than 90 days it is a warning (Degraded), which still answers 200.
        var ytDlp = checks.GetProperty("yt-dlp");
        Assert.Contains(ytDlp.GetProperty("status").GetString(), new[] { "Healthy", "Degraded" });
        Assert.Matches(@"^yt-dlp \d{4}\.\d{2}\.\d{2}\S* \(released ", ytDlp.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Readiness_fails_with_503_and_names_the_check_when_yt_dlp_is_missing()
    {
        await _bot.StopBotAsync();
        _bot.Set("YtDlp:Path", "/nonexistent/yt-dlp");
        await _bot.StartBotAsync();

        var (status, body) = await HealthAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("yt-dlp").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("plugins").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await HealthAsync("/healthz")).Status);
    }

    [Fact]
    public async Task Readiness_fails_when_the_Bot_API_does_not_answer_and_recovers_when_it_does()
    {
        _bot.Telegram.InjectError("getMe", 502, "Bad Gateway", count: 1);

        var (status, body) = await HealthAsync("/readyz");
        var (again, _) = await HealthAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("telegram").GetProperty("status").GetString());
        Assert.DoesNotContain(BotHarness.Token, body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again);
    }

    [Fact]
    public async Task Readiness_fails_when_the_temporary_disk_is_over_its_quota()
    {
        await _bot.StopBotAsync();
        _bot.Set("Limits:TempQuotaMb", "1");
        await _bot.StartBotAsync();
        var temp = Path.Combine(_bot.StorageDirectory, "tmp", "job-x");
        Directory.CreateDirectory(temp);
        await File.WriteAllBytesAsync(Path.Combine(temp, "big.bin"), new byte[2 * 1024 * 1024]);

        var (status, body) = await HealthAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("disk").GetProperty("status").GetString());
        Assert.DoesNotContain(_bot.StorageDirectory, body.GetRawText(), StringComparison.Ordinal);
    }
}
