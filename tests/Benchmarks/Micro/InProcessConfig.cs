using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace VideoBot.Benchmarks.Micro;

/// <summary>
/// In process (no generated project to restore and build, which this offline machine may not manage), a short job, and the
/// ratio to the baseline shown: figures here are always read side by side with their baseline.
/// </summary>
internal sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(2).WithIterationCount(10).WithId("InProcess"));
        AddColumn(BaselineRatioColumn.RatioMean);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
