using Polly.CircuitBreaker;
using VideoBot.Host.Extraction;
using VideoBot.Host.Admission;
using VideoBot.Host.Observability;
using VideoBot.Host.Routing;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Admission.Breaker;

/// <summary>
/// Extraction through the platform's Polly pipeline (<see cref="PlatformPipelines"/>): transient failures are retried, and a
/// platform whose circuit is open is refused at once with <see cref="LimitRefusal.PlatformDown"/>, which tells the user the
/// platform is having trouble and when to try again. The platform is the caller's (see <see cref="Platform"/>), computed once per link.
/// </summary>
internal sealed class ResilientExtractionService(ExtractionService inner, PlatformPipelines pipelines, BotMetrics metrics) : IExtractionService
{
    public async Task<ExtractionOutcome> ExtractAsync(RouteResult route, Platform platform, YtDlpPlan? plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (!route.IsRouted)
        {
            // Nothing to protect: the inner service names the problem.
            return await inner.ExtractAsync(route, plan, cancellationToken);
        }

        var plugin = route.Candidates[0].Plugin;
        try
        {
            return await pipelines.For(platform.Key).ExecuteAsync(
                static async (state, ct) => await state.Self.AttemptAsync(state.Route, state.Plugin, state.Plan, ct),
                (Self: this, Route: route, Plugin: plugin.Id, Plan: plan),
                cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            metrics.RateLimited("circuit");
            var wait = e.RetryAfter is { } after && after > TimeSpan.Zero ? after : TimeSpan.FromSeconds(30);
            throw new LimitRefusal(LimitRefusal.PlatformDown, wait, $"the circuit of {platform.Key} is open", platform.Name);
        }
    }

    private async Task<ExtractionOutcome> AttemptAsync(RouteResult route, string plugin, YtDlpPlan? plan, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.ExtractAsync(route, plan, cancellationToken);
        }
        catch (ExtractionException e)
        {
            metrics.PluginFailure(plugin, e.Kind.ToString());
            throw;
        }
    }
}
