using System.Text;
using VideoBot.Host.Scripting;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Tests.Scripting;

/// <summary>The html.* helpers work on script-supplied text within the run's limits: refused up front, or stopped with the run.</summary>
public sealed class HtmlLimitTests : IDisposable
{
    private readonly ScriptHarness _harness = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _harness.Dispose();
        _http.Dispose();
    }

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();

    private Task<ExtractionException> FaultAsync(string body, int memoryMb = 32, int timeoutMs = 5_000) =>
        Assert.ThrowsAsync<ExtractionException>(() => _harness.RunAsync(
            $"async function extract() {{ {body} return {{}}; }}", new ScriptTestContext(_http), ScriptHarness.Limits(timeoutMs: timeoutMs, memoryMb: memoryMb)));

    [Fact]
    public async Task A_page_nested_deeper_than_512_levels_is_refused_before_parsing_with_its_depth()
    {
        var failure = await FaultAsync("html.meta('<div>'.repeat(20000));");

        Assert.Equal(ExtractionErrorKind.PluginFault, failure.Kind);
        Assert.Equal("script 'test': html.meta refused the page: its elements nest 20000 levels deep, more than the 512 a parse allows", failure.Message);
    }

    [Fact]
    public async Task A_page_of_more_elements_than_the_memory_limit_pays_for_is_refused_before_parsing()
    {
        var failure = await FaultAsync("html.selectOne('<p>'.repeat(4500000), 'p');", memoryMb: 64);

        Assert.StartsWith("script 'test': html.selectOne refused the page: parsing its ", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("more than the run's 64 MB memory limit", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_refusal_is_an_error_the_script_may_catch_and_go_on()
    {
        var result = await _harness.RunAsync("""
            async function extract() {
              let reason = "";
              try { html.jsonLd('<span>'.repeat(600)); } catch (e) { reason = e.message; }
              return { id: "1", title: reason, items: [{ formats: [{ url: "https://cdn.example.com/v.mp4" }] }] };
            }
            """, new ScriptTestContext(_http));

        Assert.Contains("nest 600 levels deep", result.Post!.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ordinary_pages_with_void_elements_svg_and_scripts_are_parsed_as_before()
    {
        var page = "<html><head><meta property='og:title' content='Hi'><script>if (a < b) { x = '<div><div>'; }</script></head><body>"
            + Repeat("<p>text<br><img src=x.png>", 2000) + Repeat("<svg><path d='M0'/><path d='M1'/></svg>", 500) + "<ul><li>a<li>b</ul></body></html>";

        var result = await _harness.RunAsync($$"""
            async function extract() {
              const page = {{System.Text.Json.JsonSerializer.Serialize(page)}};
              return { id: "1", title: html.meta(page)["og:title"] + " " + html.select(page, "p").length + " " + html.select(page, "ul li").length,
                       items: [{ formats: [{ url: "https://cdn.example.com/v.mp4" }] }] };
            }
            """, new ScriptTestContext(_http));

        Assert.Equal("Hi 2000 2", result.Post!.Title);
    }

    [Fact]
    public async Task A_selector_whose_matching_could_backtrack_without_bound_is_refused()
    {
        var failure = await FaultAsync("html.select('<div></div>', 'a b c d e');");

        Assert.Contains("combines too many descendant or sibling combinators", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parse_checks_the_runs_token_as_it_reads_so_a_run_that_ended_stops_it()
    {
        using var clock = new CancellationTokenSource();
        using var html = new ScriptHtml(1024L * 1024 * 1024, clock.Token);
        Assert.Equal("{}", html.Meta("<p>before</p>"));

        clock.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => html.Meta(Repeat("<div>x</div>", 1000)));
    }
}
