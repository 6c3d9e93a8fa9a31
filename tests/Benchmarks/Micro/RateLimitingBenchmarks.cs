using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Admission.RateLimiting;
using VideoBot.Tests.Support;

namespace VideoBot.Benchmarks.Micro;

/// <summary>
/// One token taken from the user and platform buckets as the host registers them (<c>AddVideoBotRateLimiting</c>): in this
/// process, the baseline, and in a real redis-server on loopback (<c>Cache:Redis</c>), both when the bucket has a token and
/// when it is empty (the refusal, with its retry-after). Takes spread over many partitions, as users do.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class RateLimitingBenchmarks
{
    // Roomy enough that no take in a run is refused: 10,000 partitions, each refilled with 10,000 tokens a second.
    private static readonly TokenBucketPolicy Roomy = new("bench", 10_000, 10_000, TimeSpan.FromSeconds(1));
    private static readonly TokenBucketPolicy Spent = new("bench-spent", 1, 1, TimeSpan.FromHours(1));
    private readonly string[] _partitions = [.. Enumerable.Range(0, 10_000).Select(i => $"user{i}")];
    private RedisServer _redis = null!;
    private ServiceProvider _local = null!;
    private ServiceProvider _shared = null!;
    private ITokenBuckets _inProcess = null!;
    private ITokenBuckets _inRedis = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _redis = RedisServer.StartAsync().GetAwaiter().GetResult();
        _local = Build(null);
        _shared = Build(_redis.ConnectionString);
        _inProcess = _local.GetRequiredService<ITokenBuckets>();
        _inRedis = _shared.GetRequiredService<ITokenBuckets>();
        foreach (var buckets in new[] { _inProcess, _inRedis })
        {
            buckets.TryTakeAsync(Spent, "empty", 1, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            if (buckets.TryTakeAsync(Spent, "empty", 1, CancellationToken.None).AsTask().GetAwaiter().GetResult().Allowed
                || !buckets.TryTakeAsync(Roomy, "warm", 1, CancellationToken.None).AsTask().GetAwaiter().GetResult().Allowed)
            {
                throw new InvalidOperationException($"{buckets.GetType().Name} does not limit as the benchmark expects");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _local.Dispose();
        _shared.Dispose();
        _redis.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "take, in process (baseline)")]
    public async ValueTask<bool> TakeInProcess() => (await _inProcess.TryTakeAsync(Roomy, NextPartition(), 1, CancellationToken.None)).Allowed;

    [Benchmark(Description = "refused, in process")]
    public async ValueTask<bool> RefusedInProcess() => (await _inProcess.TryTakeAsync(Spent, "empty", 1, CancellationToken.None)).Allowed;

    [Benchmark(Description = "take, in Redis")]
    public async ValueTask<bool> TakeInRedis() => (await _inRedis.TryTakeAsync(Roomy, NextPartition(), 1, CancellationToken.None)).Allowed;

    [Benchmark(Description = "refused, in Redis")]
    public async ValueTask<bool> RefusedInRedis() => (await _inRedis.TryTakeAsync(Spent, "empty", 1, CancellationToken.None)).Allowed;

    private string NextPartition() => _partitions[_next++ % _partitions.Length];

    private static ServiceProvider Build(string? redis)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cache:Redis"] = redis }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSingleton(TimeProvider.System);
        services.AddVideoBotRateLimiting(configuration);
        return services.BuildServiceProvider();
    }
}
