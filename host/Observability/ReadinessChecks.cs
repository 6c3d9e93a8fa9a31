using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Limits;
using VideoBot.Host.Plugins;
using VideoBot.Host.Telegram;
using VideoBot.Host.YtDlp;

namespace VideoBot.Host.Observability;

/// <summary>
/// What <c>/readyz</c> checks: plugins loaded, the Bot API reached, yt-dlp present, the temporary disk and the job queue within
/// their limits. Each is a health check of its own, so the answer names the one that fails. Descriptions never hold paths,
/// hosts or the token.
/// </summary>
internal static class ReadinessChecks
{
    public const string Tag = "ready";

    public static IHealthChecksBuilder AddVideoBotReadiness(this IHealthChecksBuilder builder) => builder
        .AddCheck<PluginsCheck>("plugins", tags: [Tag])
        .AddCheck<TelegramCheck>("telegram", tags: [Tag])
        .AddCheck<YtDlpCheck>("yt-dlp", tags: [Tag])
        .AddCheck<DiskCheck>("disk", tags: [Tag])
        .AddCheck<QueueCheck>("queue", tags: [Tag]);

    internal sealed class PluginsCheck(IPluginCatalog catalog) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var serving = catalog.Plugins.Count(p => p.IsServing);
            return Task.FromResult(serving > 0
                ? HealthCheckResult.Healthy($"{serving} of {catalog.Plugins.Count} plugins serving")
                : HealthCheckResult.Unhealthy($"no plugin is serving ({catalog.Plugins.Count} found)"));
        }
    }

    internal sealed class TelegramCheck(BotIdentity identity) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(identity.WhenReadyAsync(CancellationToken.None).IsCompletedSuccessfully
                ? HealthCheckResult.Healthy("the Bot API answered")
                : HealthCheckResult.Unhealthy("the Bot API has not answered yet"));
    }

    internal sealed class YtDlpCheck(IOptions<YtDlpOptions> options) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(ExecutableLocator.Resolve(options.Value.Path) is not null
                ? HealthCheckResult.Healthy("yt-dlp found")
                : HealthCheckResult.Unhealthy("yt-dlp not found (YtDlp:Path)"));
    }

    internal sealed class DiskCheck(TempDisk disk) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(disk.Problem() is { } problem
                ? HealthCheckResult.Unhealthy(problem)
                : HealthCheckResult.Healthy($"{disk.UsedBytes()} bytes in use"));
    }

    internal sealed class QueueCheck(JobLoad load) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(load.WithinLimits
                ? HealthCheckResult.Healthy($"{load.Running} running, {load.Waiting} waiting")
                : HealthCheckResult.Unhealthy($"the queue is full: {load.Running} running, {load.Waiting} waiting"));
    }
}
