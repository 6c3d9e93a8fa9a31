using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telegram.Bot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Admission;
using VideoBot.Host.Observability;
using VideoBot.Host.Plugins;
using VideoBot.Host.Telegram;
using VideoBot.Host.YtDlp;

namespace VideoBot.Host.Hosting;

/// <summary>
/// What <c>/readyz</c> checks: plugins loaded, the Bot API reached, yt-dlp present, the temporary disk and the job queue within
/// their limits. Each is a health check of its own, so the answer names the one that fails. Descriptions never hold paths,
/// hosts or the token.
/// </summary>
internal static class ReadinessChecks
{
    public const string Tag = "ready";

    /// <summary>Registers the readiness checks <c>/health/ready</c> runs.</summary>
    public static IServiceCollection AddVideoBotReadiness(this IServiceCollection services)
    {
        services.AddSingleton<TelegramCheck>();
        services.AddHealthChecks().AddVideoBotReadiness();
        return services;
    }

    private static IHealthChecksBuilder AddVideoBotReadiness(this IHealthChecksBuilder builder) => builder
        .AddCheck<PluginsCheck>("plugins", tags: [Tag])
        .Add(new HealthCheckRegistration("telegram", sp => sp.GetRequiredService<TelegramCheck>(), null, [Tag]))
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

    /// <summary>
    /// The Bot API answers <c>getMe</c> (at most one call per <see cref="Fresh"/>, however often probes come; 5 s to answer).
    /// A singleton, so the last success is remembered between probes.
    /// </summary>
    internal sealed class TelegramCheck(ITelegramBotClient bot, BotIdentity identity, TimeProvider time) : IHealthCheck
    {
        private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(15);
        private long _lastSuccessTicks; // UTC ticks; 0 for never. A long, so probes on several threads read it whole.

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!identity.WhenReadyAsync(CancellationToken.None).IsCompletedSuccessfully)
            {
                return HealthCheckResult.Unhealthy("the bot has not introduced itself to the Bot API yet");
            }

            var now = time.GetUtcNow();
            if (Interlocked.Read(ref _lastSuccessTicks) is var last and > 0 && now.UtcTicks - last < Fresh.Ticks)
            {
                return HealthCheckResult.Healthy("the Bot API answered");
            }

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await bot.GetMe(timeout.Token);
                Interlocked.Exchange(ref _lastSuccessTicks, now.UtcTicks);
                return HealthCheckResult.Healthy("the Bot API answered");
            }
            catch (Exception e) when (e is global::Telegram.Bot.Exceptions.RequestException or HttpRequestException or OperationCanceledException)
            {
                // The exception's text may hold the API URL, and with it the token: only its type is told.
                return HealthCheckResult.Unhealthy($"the Bot API did not answer getMe ({e.GetType().Name})");
            }
        }
    }

    /// <summary>
    /// yt-dlp as <c>videobot plugins</c> shows it: not ready only when it is missing (or does not run); ready with a warning
    /// (Degraded, still 200) when it is older than <see cref="YtDlpCapabilities.StaleAfterDays"/> days.
    /// </summary>
    internal sealed class YtDlpCheck(YtDlpCapabilityCache capabilities, IOptions<YtDlpOptions> options, TimeProvider time) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var can = await capabilities.GetAsync(cancellationToken);
            var now = time.GetUtcNow();
            var notes = can.Notes(now, options.Value.Impersonate);
            var description = string.Join(" ", [$"yt-dlp {can.Summary(now)}.", .. notes]);
            if (!can.Found)
            {
                return HealthCheckResult.Unhealthy(description);
            }

            return can.AgeDays(now) > YtDlpCapabilities.StaleAfterDays ? HealthCheckResult.Degraded(description) : HealthCheckResult.Healthy(description);
        }
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
