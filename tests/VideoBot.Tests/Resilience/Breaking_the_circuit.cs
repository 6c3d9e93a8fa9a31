using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.CircuitBreaker;
using VideoBot.Host.Configuration;
using VideoBot.Host.Admission.Breaker;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Tests.Resilience;

/// <summary>The per-platform pipeline on its own, on a fake clock: when the circuit opens, fails fast, and closes again.</summary>
public sealed class Breaking_the_circuit
{
    private readonly FakeTimeProvider _time = new();

    private PlatformPipelines Pipelines(int retries = 0) => new(
        Options.Create(new ResilienceOptions
        {
            MaxRetries = retries,
            RetryBaseDelayMs = 1,
            MinimumThroughput = 3,
            FailureRatio = 0.5,
            SamplingSeconds = 60,
            BreakSeconds = 30,
        }),
        retries == 0 ? _time : TimeProvider.System,
        NullLogger<PlatformPipelines>.Instance);

    private static ValueTask<int> Fail(ExtractionErrorKind kind) => throw new ExtractionException(kind, "test failure");

    private static async Task<Exception?> RunAsync(ResiliencePipeline pipeline, Func<ValueTask<int>> call)
    {
        try
        {
            await pipeline.ExecuteAsync(_ => call(), CancellationToken.None);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [Fact]
    public async Task Transient_failures_open_the_circuit_which_then_fails_fast_without_calling_the_platform()
    {
        var pipeline = Pipelines().For("site");
        for (var i = 0; i < 3; i++)
        {
            Assert.IsType<ExtractionException>(await RunAsync(pipeline, () => Fail(ExtractionErrorKind.Network)));
        }

        var calls = 0;
        var refused = await RunAsync(pipeline, () => { calls++; return ValueTask.FromResult(1); });

        var broken = Assert.IsType<BrokenCircuitException>(refused);
        Assert.Equal(0, calls);
        Assert.NotNull(broken.RetryAfter);
        Assert.InRange(broken.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task After_the_break_one_success_closes_the_circuit_again()
    {
        var pipeline = Pipelines().For("site");
        for (var i = 0; i < 3; i++)
        {
            await RunAsync(pipeline, () => Fail(ExtractionErrorKind.Network));
        }

        Assert.IsType<BrokenCircuitException>(await RunAsync(pipeline, () => ValueTask.FromResult(1)));
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.Null(await RunAsync(pipeline, () => ValueTask.FromResult(1)));
        Assert.Null(await RunAsync(pipeline, () => ValueTask.FromResult(1)));
        Assert.Null(await RunAsync(pipeline, () => ValueTask.FromResult(1)));
    }

    [Fact]
    public async Task A_failed_trial_after_the_break_opens_the_circuit_again()
    {
        var pipeline = Pipelines().For("site");
        for (var i = 0; i < 3; i++)
        {
            await RunAsync(pipeline, () => Fail(ExtractionErrorKind.RateLimited));
        }

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.IsType<ExtractionException>(await RunAsync(pipeline, () => Fail(ExtractionErrorKind.Network)));

        Assert.IsType<BrokenCircuitException>(await RunAsync(pipeline, () => ValueTask.FromResult(1)));
    }

    [Fact]
    public async Task Permanent_answers_show_the_platform_is_up_and_never_open_the_circuit()
    {
        var pipeline = Pipelines().For("site");
        for (var i = 0; i < 10; i++)
        {
            Assert.IsType<ExtractionException>(await RunAsync(pipeline, () => Fail(ExtractionErrorKind.NotFound)));
        }

        Assert.Null(await RunAsync(pipeline, () => ValueTask.FromResult(1)));
    }

    [Fact]
    public async Task Each_platform_has_its_own_circuit()
    {
        var pipelines = Pipelines();
        for (var i = 0; i < 3; i++)
        {
            await RunAsync(pipelines.For("broken"), () => Fail(ExtractionErrorKind.Network));
        }

        Assert.IsType<BrokenCircuitException>(await RunAsync(pipelines.For("broken"), () => ValueTask.FromResult(1)));
        Assert.Null(await RunAsync(pipelines.For("fine"), () => ValueTask.FromResult(1)));
    }

    [Theory]
    [InlineData(ExtractionErrorKind.Network, 3)]
    [InlineData(ExtractionErrorKind.NotFound, 1)]
    [InlineData(ExtractionErrorKind.LoginRequired, 1)]
    [InlineData(ExtractionErrorKind.SiteChanged, 1)]
    [InlineData(ExtractionErrorKind.RateLimited, 1)]
    public async Task Only_transient_failures_are_retried(ExtractionErrorKind kind, int expectedCalls)
    {
        var pipeline = Pipelines(retries: 2).For("site");
        var calls = 0;

        var failure = await RunAsync(pipeline, () => { calls++; return Fail(kind); });

        Assert.Equal(kind, Assert.IsType<ExtractionException>(failure).Kind);
        Assert.Equal(expectedCalls, calls);
    }

    [Fact]
    public async Task A_rate_limited_site_asking_for_a_short_wait_is_retried()
    {
        var pipeline = Pipelines(retries: 1).For("site");
        var calls = 0;

        var failure = await RunAsync(pipeline, () =>
        {
            calls++;
            return calls == 1
                ? throw new ExtractionException(ExtractionErrorKind.RateLimited, "slow down") { RetryAfter = TimeSpan.FromMilliseconds(10) }
                : ValueTask.FromResult(1);
        });

        Assert.Null(failure);
        Assert.Equal(2, calls);
    }
}
