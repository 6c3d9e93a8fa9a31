using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using VideoBot.Host.Configuration;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Admission.Breaker;

/// <summary>
/// One Polly pipeline per platform (plugin id): a circuit breaker around retries. Retries (jittered exponential back-off) take
/// only transient failures: the SDK's <c>Network</c>, and <c>RateLimited</c> when the site asks for a short wait (that wait is
/// used). The breaker counts a job whose retries all failed transiently; permanent answers (not found, private...) show the
/// site is up and count as successes. Open, it fails fast for <c>Resilience:BreakSeconds</c>, then lets one trial through.
/// </summary>
internal sealed class PlatformPipelines(IOptions<ResilienceOptions> options, TimeProvider time, ILogger<PlatformPipelines> logger)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline> _pipelines = new(StringComparer.Ordinal);

    /// <summary>The pipeline of <paramref name="platform"/>, made on first use.</summary>
    public ResiliencePipeline For(string platform) => _pipelines.GetOrAdd(platform, Build);

    /// <summary>True for a failure worth retrying at once.</summary>
    public static bool IsRetryable(Exception? exception, TimeSpan maxRetryAfter) => exception switch
    {
        ExtractionException { Kind: ExtractionErrorKind.Network } => true,
        ExtractionException { Kind: ExtractionErrorKind.RateLimited, RetryAfter: { } wait } => wait <= maxRetryAfter,
        _ => false,
    };

    /// <summary>True for a failure that says the platform is in trouble (as opposed to an answer about one post).</summary>
    public static bool IsPlatformTrouble(Exception? exception) => exception is ExtractionException { IsTransient: true };

    private ResiliencePipeline Build(string platform)
    {
        var settings = options.Value;
        var maxRetryAfter = TimeSpan.FromSeconds(settings.MaxRetryAfterSeconds);
        var builder = new ResiliencePipelineBuilder { Name = "extraction", InstanceName = platform, TimeProvider = time };
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = settings.FailureRatio,
            MinimumThroughput = settings.MinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(settings.SamplingSeconds),
            BreakDuration = TimeSpan.FromSeconds(settings.BreakSeconds),
            ShouldHandle = args => ValueTask.FromResult(IsPlatformTrouble(args.Outcome.Exception)),
            OnOpened = args =>
            {
                ResilienceLog.CircuitOpened(logger, platform, args.BreakDuration);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                ResilienceLog.CircuitClosed(logger, platform);
                return ValueTask.CompletedTask;
            },
        });
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                Delay = TimeSpan.FromMilliseconds(settings.RetryBaseDelayMs),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome.Exception, maxRetryAfter)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is ExtractionException { Kind: ExtractionErrorKind.RateLimited, RetryAfter: { } wait } ? (TimeSpan?)wait : null),
                OnRetry = args =>
                {
                    ResilienceLog.Retrying(logger, args.Outcome.Exception, platform, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }
}
