using System.Text.Json;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Scripting;

public sealed class SandboxIsolationTests : ScriptSiteTests
{
    [Theory]
    [InlineData("importNamespace('System.IO').File.ReadAllText('/etc/passwd')", "ReferenceError: importNamespace is not defined")]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')", "ReferenceError: System is not defined")]
    [InlineData("clrHelper.typeOf(log)", "ReferenceError: clrHelper is not defined")]
    [InlineData("http.fetch.GetType().Assembly", "TypeError")]
    [InlineData("log.GetType()", "TypeError")]
    [InlineData("http.fetch.constructor.constructor('return this')()", "String compilation has been disabled")]
    [InlineData("eval('1 + 1')", "String compilation has been disabled")]
    [InlineData("require('fs')", "ReferenceError: require is not defined")]
    [InlineData("setTimeout(() => {}, 10)", "ReferenceError: setTimeout is not defined")]
    [InlineData("process.env", "ReferenceError: process is not defined")]
    public async Task A_CLR_or_environment_escape_finds_nothing_and_the_host_goes_on_serving(string attempt, string expected)
    {
        var failure = await Harness.AssertFaultThenServesAsync($"function extract() {{\n  return {attempt};\n}}", expected, new ScriptTestContext(Http));
        Assert.Contains("at line 2", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dynamic_import_fails_as_a_plugin_fault()
    {
        await Harness.AssertFaultThenServesAsync("async function extract() { return await import('fs'); }", "script 'test'", new ScriptTestContext(Http));
    }

    [Fact]
    public void An_import_statement_is_refused_when_the_script_is_loaded()
    {
        var failure = Assert.Throws<ExtractionException>(() => Harness.Load("import fs from 'fs';\nfunction extract() {}"));
        Assert.Equal(ExtractionErrorKind.PluginFault, failure.Kind);
        Assert.Contains("script 'test' could not be parsed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_global_scope_holds_only_the_script_API_and_plain_JavaScript()
    {
        // What a script can see is reported back through the title, as plain data.
        var script = """
            function extract() {
              const names = Object.getOwnPropertyNames(globalThis);
              const api = ['http', 'html', 'log'].map(n => n + ':' + Object.getOwnPropertyNames(globalThis[n]).sort().join(','));
              const frozen = Object.isFrozen(http) && Object.isFrozen(html) && Object.isFrozen(log) && Object.isFrozen(settings);
              return { id: '1', title: JSON.stringify({ names, api, frozen, fetchProps: Object.getOwnPropertyNames(http.fetch).sort() }),
                       items: [{ formats: [{ url: 'https://cdn.example.com/v.mp4' }] }] };
            }
            """;
        var result = await Harness.RunAsync(script, new ScriptTestContext(Http));
        using var seen = JsonDocument.Parse(result.Post!.Title!);
        var names = seen.RootElement.GetProperty("names").EnumerateArray().Select(n => n.GetString()).ToHashSet();

        Assert.Contains("http", names);
        Assert.Contains("fail", names);
        foreach (var forbidden in new[] { "importNamespace", "System", "clrHelper", "require", "setTimeout", "setInterval", "process", "fetch" })
        {
            Assert.DoesNotContain(forbidden, names);
        }

        Assert.Equal(
            ["http:cookies,fetch", "html:jsonLd,meta,scriptAssignment,scriptJson,select,selectOne", "log:debug,info,warn"],
            seen.RootElement.GetProperty("api").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.True(seen.RootElement.GetProperty("frozen").GetBoolean());
        Assert.Equal(["length", "name"], seen.RootElement.GetProperty("fetchProps").EnumerateArray().Select(a => a.GetString()!).ToArray());
    }

    [Fact]
    public async Task Two_parallel_runs_of_one_extractor_share_no_globals()
    {
        // Each run marks the global scope, waits for a fetch (so both runs are alive at once), then checks for the other's mark.
        var script = $$"""
            var seenBefore = globalThis.mark;
            async function extract(request) {
              if (seenBefore !== undefined || globalThis.mark !== undefined) fail("SiteChanged", "saw " + globalThis.mark);
              globalThis.mark = request.match.id;
              Array.prototype.leak = request.match.id;
              await http.fetch("{{Site.Url("/delay/300")}}");
              if (globalThis.mark !== request.match.id || [].leak !== request.match.id) fail("SiteChanged", "mark changed to " + globalThis.mark);
              return { id: globalThis.mark, items: [{ formats: [{ url: "https://cdn.example.com/v.mp4" }] }] };
            }
            """;
        var extractor = Harness.Load(script);
        var context = new ScriptTestContext(Http);

        var runs = await Task.WhenAll(
            extractor.ExtractAsync(ScriptHarness.Request(id: "first"), context, default),
            extractor.ExtractAsync(ScriptHarness.Request(id: "second"), context, default));
        var third = await extractor.ExtractAsync(ScriptHarness.Request(id: "third"), context, default);

        Assert.Equal(["first", "second", "third"], [runs[0].Post!.Id, runs[1].Post!.Id, third.Post!.Id]);
    }
}
