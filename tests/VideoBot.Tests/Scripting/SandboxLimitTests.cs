using System.Diagnostics;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Scripting;

public sealed class SandboxLimitTests : ScriptSiteTests
{
    private ScriptTestContext Context() => new(Http);

    [Fact]
    public async Task An_infinite_loop_is_stopped_by_the_time_limit_and_the_host_goes_on_serving()
    {
        var watch = Stopwatch.StartNew();
        await Harness.AssertFaultThenServesAsync(
            "function extract() { while (true) {} }",
            "script 'test' exceeded its 500 ms limit",
            Context(),
            ScriptHarness.Limits(timeoutMs: 500, statements: 1_000_000_000));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_memory_bomb_is_stopped_by_the_memory_limit()
    {
        await Harness.AssertFaultThenServesAsync(
            "function extract() { const hoard = []; while (true) { hoard.push('x'.repeat(100000) + hoard.length); } }",
            "script 'test' exceeded its 16 MB memory limit",
            Context(),
            ScriptHarness.Limits(memoryMb: 16, timeoutMs: 20_000, statements: 1_000_000_000));
    }

    [Fact]
    public async Task A_single_huge_string_is_refused_before_it_is_built()
    {
        var watch = Stopwatch.StartNew();
        await Harness.AssertFaultThenServesAsync(
            "function extract() { return { id: 'x'.repeat(500000000) }; }",
            "exceeded its 16 MB memory limit",
            Context(),
            ScriptHarness.Limits(memoryMb: 16));

        // Building the string first would take seconds and a gigabyte.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Deep_recursion_is_stopped_by_the_recursion_limit()
    {
        await Harness.AssertFaultThenServesAsync(
            "function down(n) { return down(n + 1) + 1; }\nfunction extract() { return down(0); }",
            "script 'test' exceeded its recursion limit of 64",
            Context(),
            ScriptHarness.Limits(recursion: 64));
    }

    [Theory]
    [InlineData("const o = { get x() { return this.x; } };\nfunction extract() { return o.x; }")]
    [InlineData("const o = { toString() { return '' + this; } };\nfunction extract() { return '' + o; }")]
    [InlineData("class Deep { constructor(n) { this.next = new Deep(n + 1); } }\nfunction extract() { return new Deep(0); }")]
    public async Task Recursion_by_other_routes_than_plain_calls_is_stopped_too(string script)
    {
        await Harness.AssertFaultThenServesAsync(script, "exceeded its recursion limit of 10000", Context(),
            ScriptHarness.Limits(recursion: 10_000, timeoutMs: 20_000, statements: 1_000_000_000));
    }

    [Fact]
    public async Task A_statement_flood_is_stopped_by_the_statement_limit()
    {
        await Harness.AssertFaultThenServesAsync(
            "function extract() { let n = 0; for (let i = 0; i < 1e9; i++) { n += i; } return n; }",
            "script 'test' exceeded its limit of 10000 statements",
            Context(),
            ScriptHarness.Limits(statements: 10_000, timeoutMs: 20_000));
    }

    [Fact]
    public async Task The_statement_limit_covers_the_whole_run_across_awaits()
    {
        // Each stretch between awaits stays under the limit; together they exceed it. Jint's own counter would restart at each.
        var script = $$"""
            async function extract() {
              for (let round = 0; round < 5; round++) {
                for (let i = 0; i < 3000; i++) {}
                await http.fetch("{{Site.Url("/delay/1")}}");
              }
              return { id: "1", items: [{ formats: [{ url: "https://cdn.example.com/v.mp4" }] }] };
            }
            """;
        await Harness.AssertFaultThenServesAsync(script, "exceeded its limit of 10000 statements", Context(),
            ScriptHarness.Limits(statements: 10_000, timeoutMs: 20_000));
    }

    [Fact]
    public async Task A_catastrophic_regular_expression_is_stopped_by_the_time_limit()
    {
        await Harness.AssertFaultThenServesAsync(
            "function extract() { return /^(a+)+$/.test('a'.repeat(40) + '!'); }",
            "exceeded its 500 ms limit",
            Context(),
            ScriptHarness.Limits(timeoutMs: 500));
    }

    [Fact]
    public async Task A_slow_fetch_is_cut_by_the_script_timeout()
    {
        var watch = Stopwatch.StartNew();
        await Harness.AssertFaultThenServesAsync(
            $"async function extract() {{ const r = await http.fetch('{Site.Url("/slow")}'); return r.text(); }}",
            "script 'test' exceeded its 700 ms limit",
            Context(),
            ScriptHarness.Limits(timeoutMs: 700));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task The_time_limit_covers_the_whole_run_not_each_stretch()
    {
        // Four 300 ms fetches in a row: every stretch of script is short, the run is not.
        var script = $$"""
            async function extract() {
              for (let i = 0; i < 4; i++) { await http.fetch("{{Site.Url("/delay/300")}}"); }
              return { id: "1", items: [{ formats: [{ url: "https://cdn.example.com/v.mp4" }] }] };
            }
            """;
        await Harness.AssertFaultThenServesAsync(script, "exceeded its 800 ms limit", Context(), ScriptHarness.Limits(timeoutMs: 800));
    }

    [Theory]
    [InlineData("function extract() { while (true) {} }")]
    [InlineData("async function extract() { await http.fetch('{slow}'); }")]
    public async Task The_callers_cancellation_surfaces_as_OperationCanceledException(string script)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var extractor = Harness.Load(script.Replace("{slow}", Site.Url("/slow").ToString(), StringComparison.Ordinal),
            ScriptHarness.Limits(timeoutMs: 10_000, statements: 1_000_000_000));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => extractor.ExtractAsync(ScriptHarness.Request(), Context(), cancel.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
