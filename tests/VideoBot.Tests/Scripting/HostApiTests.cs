using System.Text.Json;
using Microsoft.Extensions.Logging;
using VideoBot.Host.Scripting;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Scripting;

public sealed class HostApiTests : ScriptSiteTests
{
    private Task<JsonElement> ReportAsync(string body, ScriptTestContext? context = null, ScriptLimits? limits = null) =>
        Harness.ReportAsync(body, context ?? new ScriptTestContext(Http), limits);

    [Fact]
    public async Task An_async_script_with_awaited_fetches_builds_a_post()
    {
        var script = $$"""
            async function extract(request) {
              const [page, api] = await Promise.all([
                http.fetch("{{Site.Url("/watch/abc123")}}"),
                http.fetch("{{Site.Url("/api/video/")}}" + request.match.id),
              ]);
              const meta = html.meta(page.text());
              const info = api.json();
              return {
                id: info.id, title: info.title, duration: info.durationSeconds, thumbnail: meta["og:image"],
                items: [{ formats: [{ url: meta["og:video"], height: info.height, container: "mp4", protocol: "http" }] }],
              };
            }
            """;

        var result = await Harness.RunAsync(script, new ScriptTestContext(Http), request: ScriptHarness.Request(id: "abc123"));

        var post = result.Post!;
        Assert.Equal("abc123", post.Id);
        Assert.Equal("Sunset over the bay", post.Title);
        Assert.Equal(TimeSpan.FromSeconds(65), post.Duration);
        Assert.Equal(new Uri("https://cdn.example.com/t/abc123.jpg"), post.Thumbnail);
        var format = Assert.Single(Assert.Single(post.Items).Formats);
        Assert.Equal((new Uri("https://cdn.example.com/v/abc123/720.mp4"), 720, StreamProtocol.Http), (format.Url, format.Height, format.Protocol));
        Assert.Contains("/api/video/abc123", Site.Requests);
    }

    [Fact]
    public async Task A_response_carries_status_url_and_lower_case_headers_and_error_statuses_do_not_throw()
    {
        var report = await ReportAsync($$"""
              const r = await http.fetch("{{Site.Url("/api/missing")}}");
              const report = { status: r.status, ok: r.ok, url: r.url, type: r.headers["content-type"], body: r.json() };
            """);

        Assert.Equal(404, report.GetProperty("status").GetInt32());
        Assert.False(report.GetProperty("ok").GetBoolean());
        Assert.Equal(Site.Url("/api/missing").AbsoluteUri, report.GetProperty("url").GetString());
        Assert.StartsWith("application/json", report.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal("gone", report.GetProperty("body").GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_POST_sends_its_headers_and_json_body()
    {
        var report = await ReportAsync($$"""
              const r = await http.fetch("{{Site.Url("/echo")}}", { method: "POST", headers: { "X-Custom": "yes" }, json: { query: "q", vars: [1, 2] } });
              const report = r.json();
            """);

        Assert.Equal("POST", report.GetProperty("method").GetString());
        Assert.Equal("yes", report.GetProperty("custom").GetString());
        Assert.StartsWith("application/json", report.GetProperty("contentType").GetString(), StringComparison.Ordinal);
        Assert.Equal("""{"query":"q","vars":[1,2]}""", report.GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_response_over_the_size_limit_is_refused()
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => Harness.RunAsync(
            $"async function extract() {{ return (await http.fetch('{Site.Url("/big")}')).text(); }}",
            new ScriptTestContext(Http),
            ScriptHarness.Limits(maxResponseBytes: 64 * 1024)));

        Assert.Equal(ExtractionErrorKind.PluginFault, failure.Kind);
        Assert.Contains("larger than the script's limit of 64 KB", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_of_a_response_that_is_not_json_fails_as_SiteChanged()
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => Harness.RunAsync(
            $"async function extract() {{ return (await http.fetch('{Site.Url("/text")}')).json(); }}",
            new ScriptTestContext(Http)));

        Assert.Equal(ExtractionErrorKind.SiteChanged, failure.Kind);
        Assert.Contains("is not JSON", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_the_client_refuses_fails_with_PermissionDenied_and_the_script_can_read_the_kind()
    {
        using var refusing = new HttpClient(new RefusingHandler());
        var context = new ScriptTestContext(refusing);

        var failure = await Assert.ThrowsAsync<ExtractionException>(() => Harness.RunAsync(
            "async function extract() { await http.fetch('https://elsewhere.example/x'); }", context));
        Assert.Equal(ExtractionErrorKind.PermissionDenied, failure.Kind);
        Assert.Equal("elsewhere.example is not in permissions.network", failure.Message);

        var report = await ReportAsync("""
              let report;
              try { await http.fetch('https://elsewhere.example/x'); } catch (e) { report = { kind: e.kind, isError: e instanceof Error }; }
            """, context);
        Assert.Equal("PermissionDenied", report.GetProperty("kind").GetString());
        Assert.True(report.GetProperty("isError").GetBoolean());
    }

    [Fact]
    public async Task A_network_failure_fails_with_Network()
    {
        // A port nobody listens on: the connection is refused.
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => Harness.RunAsync(
            "async function extract() { await http.fetch('http://127.0.0.1:9/'); }", new ScriptTestContext(Http)));
        Assert.Equal(ExtractionErrorKind.Network, failure.Kind);
    }

    [Fact]
    public async Task A_non_http_url_is_refused_before_any_request()
    {
        var failure = await Assert.ThrowsAsync<ExtractionException>(() => Harness.RunAsync(
            "async function extract() { await http.fetch('file:///etc/passwd'); }", new ScriptTestContext(Http)));
        Assert.Equal(ExtractionErrorKind.PermissionDenied, failure.Kind);
    }

    [Fact]
    public async Task The_html_helpers_read_a_realistic_page_as_plain_data()
    {
        var report = await ReportAsync($$"""
              const page = (await http.fetch("{{Site.Url("/watch/abc123")}}")).text();
              const report = {
                meta: html.meta(page),
                jsonLd: html.jsonLd(page),
                next: html.scriptJson(page, "script#__NEXT_DATA__"),
                state: html.scriptAssignment(page, "window.__INITIAL_STATE__ ="),
                absent: html.scriptAssignment(page, "window.__NOPE__ ="),
                sources: html.select(page, "video source").map(s => s.attrs.src + "@" + s.attrs["data-height"]),
                uploader: html.selectOne(page, "p.uploader b"),
                none: html.selectOne(page, "article"),
              };
            """);

        var meta = report.GetProperty("meta");
        Assert.Equal("Sunset over the bay", meta.GetProperty("og:title").GetString());
        Assert.Equal("player", meta.GetProperty("twitter:card").GetString());
        Assert.Equal("Filmed from the pier & the hill.", meta.GetProperty("description").GetString());

        var ld = report.GetProperty("jsonLd").EnumerateArray().ToList();
        Assert.Equal(["VideoObject", "BreadcrumbList", "Person"], ld.Select(e => e.GetProperty("@type").GetString()!).ToArray());
        Assert.Equal("PT1M5S", ld[0].GetProperty("duration").GetString());

        var next = Assert.Single(report.GetProperty("next").EnumerateArray());
        Assert.Equal(720, next.GetProperty("props").GetProperty("pageProps").GetProperty("video").GetProperty("height").GetInt32());

        Assert.Equal(42, report.GetProperty("state").GetProperty("video").GetProperty("likes").GetInt32());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("absent").ValueKind);
        Assert.Equal(
            ["https://cdn.example.com/v/abc123/480.mp4@480", "https://cdn.example.com/v/abc123/720.mp4@720"],
            report.GetProperty("sources").EnumerateArray().Select(s => s.GetString()!).ToArray());

        var uploader = report.GetProperty("uploader");
        Assert.Equal(("b", "Ada", "Ada"), (uploader.GetProperty("tag").GetString(), uploader.GetProperty("text").GetString(), uploader.GetProperty("html").GetString()));
        Assert.Equal(JsonValueKind.Null, report.GetProperty("none").ValueKind);
    }

    [Fact]
    public async Task An_invalid_selector_is_a_TypeError_the_script_can_catch()
    {
        var report = await ReportAsync("""
              let report;
              try { html.select("<p>hi</p>", "p[[["); } catch (e) { report = { name: e.name, message: e.message }; }
            """);

        Assert.Equal("TypeError", report.GetProperty("name").GetString());
        Assert.Contains("not a valid CSS selector", report.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_lines_reach_the_plugin_logger_at_their_level_and_long_ones_are_cut()
    {
        var context = new ScriptTestContext(Http);
        await ReportAsync("""
              log.debug("looking at " + request.url);
              log.info({ step: 2 });
              log.warn("w".repeat(10000));
              const report = null;
            """, context);

        var lines = context.Log.Lines.Where(l => l.Message.StartsWith("script test:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal((LogLevel.Debug, "script test: looking at https://example.com/p/42"), lines[0]);
        Assert.Equal((LogLevel.Information, """script test: {"step":2}"""), lines[1]);
        Assert.Equal(LogLevel.Warning, lines[2].Level);
        Assert.True(lines[2].Message.Length < 2_100, $"{lines[2].Message.Length} characters");
        Assert.EndsWith("(8000 more characters)", lines[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_are_readable_and_cannot_be_changed()
    {
        var context = new ScriptTestContext(Http, new Dictionary<string, string> { ["quality"] = "720", ["apiKey"] = "k" });
        var report = await ReportAsync("""
              let threw = false;
              try { settings.quality = "1080"; } catch (e) { threw = e instanceof TypeError; }
              const report = { quality: settings.quality, apiKey: settings.apiKey, threw, missing: settings.nope === undefined };
            """, context);

        Assert.Equal("720", report.GetProperty("quality").GetString());
        Assert.Equal("k", report.GetProperty("apiKey").GetString());
        Assert.True(report.GetProperty("threw").GetBoolean());
        Assert.True(report.GetProperty("missing").GetBoolean());
    }

    /// <summary>Plays the gateway's refusal of a host outside the manifest's permissions.</summary>
    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new ExtractionException(ExtractionErrorKind.PermissionDenied, $"{request.RequestUri!.Host} is not in permissions.network");
    }
}
