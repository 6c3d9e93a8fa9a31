using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;
using VideoBot.Host.Admission;
using VideoBot.Host.Observability;
using VideoBot.Host.Plugins;
using VideoBot.Host.Telegram.Dispatch;

namespace VideoBot.Host.Hosting;

/// <summary>
/// <c>/healthz</c> (liveness: the process answers), <c>/readyz</c> (every <see cref="ReadinessChecks"/> check, 503 when one
/// fails) and <c>/metrics</c> (Prometheus text format), on the bot's web server (<c>--urls</c>, default 127.0.0.1:8080).
/// </summary>
internal static class ObservabilityEndpoints
{
    public const string Liveness = "/healthz";
    public const string Readiness = "/readyz";
    public const string MetricsPath = "/metrics";

    public static WebApplication MapVideoBotObservability(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<BotMetrics>();
        // Resolved at the first scrape, not now: resolving reads settings, and a bad one must surface in start-up validation.
        var services = app.Services;
        metrics.ObserveQueue(() =>
        {
            var load = services.GetRequiredService<JobLoad>();
            var updates = services.GetRequiredService<UpdateQueue>().Reader;
            return (load.Running, load.Waiting, updates.CanCount ? updates.Count : 0);
        });
        metrics.ObservePlugins(() => services.GetRequiredService<IPluginCatalog>().Plugins
            .Select(p => (p.Id, p.Manifest?.Version ?? "", p.Status.ToString())));
        metrics.ObserveSuccessRatios(() => SuccessRatios(services.GetRequiredService<IPluginCatalog>()));

        app.MapHealthChecks(Liveness, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(Readiness, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadinessChecks.Tag), ResponseWriter = WriteAsync });
        app.MapMetrics(MetricsPath, metrics.Registry);
        return app;
    }

    /// <summary>Each serving plugin's success ratio over its health window, from users' jobs and from probes, where it has any.</summary>
    private static IEnumerable<(string Plugin, string Source, double Ratio)> SuccessRatios(IPluginCatalog catalog)
    {
        foreach (var plugin in catalog.Plugins.Where(p => p.IsServing))
        {
            foreach (var source in new[] { HealthSource.Jobs, HealthSource.Probes })
            {
                var (successes, failures) = plugin.Health.Counts(source);
                if (successes + failures > 0)
                {
                    yield return (plugin.Id, source == HealthSource.Jobs ? "jobs" : "probes", (double)successes / (successes + failures));
                }
            }
        }
    }

    /// <summary>{"status":"Healthy","checks":{"plugins":{"status":"Healthy","description":"..."}}}</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
