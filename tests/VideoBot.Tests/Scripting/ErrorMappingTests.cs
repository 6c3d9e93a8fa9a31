using VideoBot.Sdk.Extraction;

namespace VideoBot.Tests.Scripting;

public sealed class ErrorMappingTests : IDisposable
{
    private readonly ScriptHarness _harness = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _harness.Dispose();
    }

    private ScriptTestContext Context() => new(_http);

    [Theory]
    [InlineData("UnsupportedUrl", ExtractionErrorKind.UnsupportedUrl)]
    [InlineData("NotFound", ExtractionErrorKind.NotFound)]
    [InlineData("LoginRequired", ExtractionErrorKind.LoginRequired)]
    [InlineData("GeoBlocked", ExtractionErrorKind.GeoBlocked)]
    [InlineData("AgeRestricted", ExtractionErrorKind.AgeRestricted)]
    [InlineData("RateLimited", ExtractionErrorKind.RateLimited)]
    [InlineData("SiteChanged", ExtractionErrorKind.SiteChanged)]
    [InlineData("Network", ExtractionErrorKind.Network)]
    [InlineData("NoMedia", ExtractionErrorKind.NoMedia)]
    public async Task Fail_maps_each_kind_with_its_message(string kind, ExtractionErrorKind expected)
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => _harness.RunAsync(
            $"function extract() {{ fail('{kind}', 'the post said so'); }}", Context()));

        Assert.Equal(expected, failure.Kind);
        Assert.Equal("script 'test': the post said so", failure.Message);
    }

    [Fact]
    public async Task Fail_after_an_await_keeps_its_kind_and_RateLimited_may_say_how_long_to_wait()
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => _harness.RunAsync(
            "async function extract() { await null; fail('RateLimited', 'slow down', { retryAfterSeconds: 30 }); }", Context()));

        Assert.Equal(ExtractionErrorKind.RateLimited, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), failure.RetryAfter);
    }

    [Fact]
    public async Task A_fail_the_script_catches_does_not_count()
    {
        var result = await _harness.RunAsync("""
            function extract(request) {
              try { fail("NotFound", "first try"); } catch (e) { log.info("recovered from " + e.kind); }
              return { id: "ok", items: [{ formats: [{ url: "https://cdn.example.com/v.mp4" }] }] };
            }
            """, Context());

        Assert.Equal("ok", result.Post!.Id);
    }

    [Fact]
    public async Task An_error_that_only_looks_like_a_fail_is_a_plugin_fault()
    {
        // The kind comes from the host's own error objects, never from a property a script can set.
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => _harness.RunAsync(
            "function extract() { const e = new Error('forged'); e.kind = 'NotFound'; throw e; }", Context()));

        Assert.Equal(ExtractionErrorKind.PluginFault, failure.Kind);
    }

    [Theory]
    [InlineData("PermissionDenied")]
    [InlineData("PluginFault")]
    [InlineData("Whatever")]
    public async Task Fail_with_a_kind_scripts_may_not_use_is_a_plugin_fault(string kind)
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => _harness.RunAsync(
            $"function extract() {{ fail('{kind}', 'x'); }}", Context()));

        Assert.Equal(ExtractionErrorKind.PluginFault, failure.Kind);
        Assert.Contains($"got '{kind}'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_thrown_error_is_a_plugin_fault_naming_the_message_and_line()
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => _harness.RunAsync(
            "function extract() {\n  const data = null;\n  return data.items;\n}", Context()));

        Assert.Equal(ExtractionErrorKind.PluginFault, failure.Kind);
        Assert.Equal("script 'test' threw: TypeError: Cannot read properties of null (reading 'items') at line 3", failure.Message);
    }

    [Fact]
    public async Task A_rejection_after_an_await_names_the_message_and_line()
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => _harness.RunAsync(
            "async function extract() {\n  await null;\n\n  throw new RangeError('no formats left');\n}", Context()));

        Assert.Equal("script 'test' threw: RangeError: no formats left at line 4", failure.Message);
    }

    [Fact]
    public async Task A_thrown_string_is_reported_as_it_is()
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => _harness.RunAsync(
            "function extract() { throw 'plain words'; }", Context()));

        Assert.StartsWith("script 'test' threw: plain words", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("function extrakt() {}")]
    [InlineData("const extract = 5;")]
    [InlineData("")]
    public async Task A_script_without_an_extract_function_is_a_plugin_fault(string script)
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => _harness.RunAsync(script, Context()));

        Assert.Equal(ExtractionErrorKind.PluginFault, failure.Kind);
        Assert.Equal("script 'test' defines no global function extract(request)", failure.Message);
    }

    [Fact]
    public async Task An_extract_declared_with_const_is_found()
    {
        var result = await _harness.RunAsync(
            "const extract = async (request) => ({ id: request.match.id, items: [{ formats: [{ url: 'https://cdn.example.com/v.mp4' }] }] });",
            Context());

        Assert.Equal("42", result.Post!.Id);
    }

    [Fact]
    public void A_syntax_error_is_reported_when_the_script_is_loaded()
    {
        var failure = Assert.Throws<ExtractionException>(() => _harness.Load("function extract( {\n  return 1;\n}"));

        Assert.Equal(ExtractionErrorKind.PluginFault, failure.Kind);
        Assert.Equal("script 'test' could not be parsed: Unexpected token 'return' at line 2", failure.Message);
    }

    [Fact]
    public async Task A_promise_that_can_never_settle_is_reported_at_once()
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => _harness.RunAsync(
            "function extract() { return new Promise(() => {}); }", Context(), ScriptHarness.Limits(timeoutMs: 30_000)));

        Assert.Equal(ExtractionErrorKind.PluginFault, failure.Kind);
        Assert.Contains("can never settle", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_top_level_error_is_a_plugin_fault_too()
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => _harness.RunAsync(
            "undefinedThing();\nfunction extract() {}", Context()));

        Assert.Equal("script 'test' threw: ReferenceError: undefinedThing is not defined at line 1", failure.Message);
    }
}
