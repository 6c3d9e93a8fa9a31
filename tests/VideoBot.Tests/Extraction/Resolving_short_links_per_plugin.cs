using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Support;
using static VideoBot.Tests.Extraction.SiteScripts;

namespace VideoBot.Tests.Extraction;

/// <summary>
/// A plugin's <c>resolver</c> manifest section: the User-Agent its short links are resolved with (t.co answers a browser with a
/// page and curl with the redirect), and the resolution's own time budget, apart from the extraction's time limit.
/// </summary>
public sealed class Resolving_short_links_per_plugin : IAsyncLifetime, IDisposable
{
    private const string Echo = """
        function extract(request) {
          return { id: request.match.id, items: [{ formats: [{ url: "https://www.site.example/media/" + request.match.id + ".mp4" }] }] };
        }
        """;

    private readonly SiteScripts _scripts = new();
    private FixtureSite _site = null!;

    public async Task InitializeAsync() => _site = await FixtureSite.StartAsync(app =>
    {
        // As t.co does: a browser gets a page that redirects with a script, curl gets the 301.
        app.MapMethods("/ZScurl", ["HEAD", "GET"], (HttpContext c) =>
            c.Request.Headers.UserAgent.ToString().StartsWith("curl/", StringComparison.Ordinal)
                ? Results.Redirect(Www + "/p/abc", permanent: true)
                : Results.Content("<html><script>location.replace('https://www.site.example/p/abc')</script></html>", "text/html"));
        app.MapMethods("/ZSslow", ["HEAD", "GET"], async (HttpContext c) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), c.RequestAborted);
            return Results.Redirect(Www + "/p/slow");
        });
    });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    public void Dispose() => _scripts.Dispose();

    [Fact]
    public async Task A_short_link_is_resolved_with_the_user_agent_the_manifest_names()
    {
        _scripts.Add("site", 0, Echo, new Dictionary<string, object> { ["resolver"] = new { userAgent = "curl/8.5.0" } });

        var outcome = await _scripts.ExtractAsync(_site, Short + "/ZScurl");

        Assert.Equal("abc", outcome.Post.Id);
    }

    [Fact]
    public async Task Without_it_the_browser_user_agent_gets_the_page_and_the_link_does_not_resolve()
    {
        _scripts.Add("site", 0, Echo);

        var failure = await Assert.ThrowsAsync<ExtractionException>(() => _scripts.ExtractAsync(_site, Short + "/ZScurl"));

        Assert.Equal(ExtractionErrorKind.UnsupportedUrl, failure.Kind);
        Assert.Contains("did not lead to a site post", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_short_link_host_does_not_use_up_the_extractions_time_limit()
    {
        // The host takes 3 s to redirect; the extraction itself may take 2 s, the resolution 20 s.
        _scripts.Add("site", 0, Echo, new Dictionary<string, object>
        {
            ["limits"] = new { timeoutMs = 2000 },
            ["resolver"] = new { timeoutMs = 20000 },
        });

        var outcome = await _scripts.ExtractAsync(_site, Short + "/ZSslow");

        Assert.Equal("slow", outcome.Post.Id);
    }

    [Fact]
    public async Task A_resolution_over_its_budget_is_a_network_error_that_names_the_budget()
    {
        _scripts.Add("site", 0, Echo, new Dictionary<string, object> { ["resolver"] = new { timeoutMs = 300 } });

        var failure = await Assert.ThrowsAsync<ExtractionException>(() =>
            _scripts.ExtractAsync(_site, Short + "/ZSslow", ("Resilience:MaxRetries", "0")));

        Assert.Equal(ExtractionErrorKind.Network, failure.Kind);
        Assert.Equal($"the site short link {Short}/ZSslow did not resolve within 300 ms (resolver.timeoutMs)", failure.Message);
    }
}
