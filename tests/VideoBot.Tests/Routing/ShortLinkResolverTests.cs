using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Routing;

/// <summary>
/// A FixtureSite on 127.0.0.1 plays the short-link host; the targets on www.tiktok.com are never fetched, since an
/// accepted target ends the resolution before any request to it.
/// </summary>
public sealed class ShortLinkResolverTests : IAsyncLifetime
{
    private static readonly PluginHandle TikTok = TestHandles.Make("tiktok", ["tiktok.com"],
        [@"^https://www\.tiktok\.com/@[^/]+/video/(?<id>\d+)$"], shortLinks: ["vm.tiktok.com"]);

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private FixtureSite _site = null!;

    public async Task InitializeAsync() => _site = await FixtureSite.StartAsync(app =>
    {
        app.MapMethods("/ZSgood", ["HEAD", "GET"], () => Results.Redirect("https://www.tiktok.com/@maker/video/7312345678901234567?is_from_webapp=1&_r=1"));
        app.MapMethods("/ZStwo", ["HEAD", "GET"], () => Results.Redirect("/ZSgood", permanent: true));
        app.MapGet("/ZSgetonly", () => Results.Redirect("https://www.tiktok.com/@maker/video/42"));
        app.MapMethods("/ZSevil", ["HEAD", "GET"], () => Results.Redirect("https://evil.example/@maker/video/1"));
        app.MapMethods("/ZSlookalike", ["HEAD", "GET"], () => Results.Redirect("https://www.tiktok.com.evil.net/@maker/video/1"));
        app.MapMethods("/ZSapp", ["HEAD", "GET"], () => Results.Redirect("snssdk1233://aweme/detail/1"));
        app.MapMethods("/ZSloop", ["HEAD", "GET"], () => Results.Redirect("/ZSloop"));
        app.MapMethods("/ZSpage", ["HEAD", "GET"], () => Results.Redirect("https://www.tiktok.com/login"));
        app.MapMethods("/ZSdead", ["HEAD", "GET"], () => Results.NotFound());
    });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task A_short_link_resolves_to_the_normalized_post_url_and_its_groups()
    {
        var resolved = await ShortLinkResolver.ResolveAsync(_site.Url("/ZSgood"), TikTok, _http, CancellationToken.None);

        Assert.Equal("https://www.tiktok.com/@maker/video/7312345678901234567", resolved.Url.AbsoluteUri);
        Assert.Equal("7312345678901234567", resolved.Match["id"]);
        Assert.Equal(["/ZSgood"], _site.Requests);
    }

    [Fact]
    public async Task Redirects_are_followed_one_hop_at_a_time_including_relative_ones()
    {
        var resolved = await ShortLinkResolver.ResolveAsync(_site.Url("/ZStwo"), TikTok, _http, CancellationToken.None);

        Assert.Equal("7312345678901234567", resolved.Match["id"]);
        Assert.Equal(["/ZStwo", "/ZSgood"], _site.Requests);
    }

    [Fact]
    public async Task A_host_that_refuses_head_is_asked_with_get()
    {
        var resolved = await ShortLinkResolver.ResolveAsync(_site.Url("/ZSgetonly"), TikTok, _http, CancellationToken.None);

        Assert.Equal("42", resolved.Match["id"]);
        Assert.Equal(["/ZSgetonly", "/ZSgetonly"], _site.Requests);
    }

    [Theory]
    [InlineData("/ZSevil", "short link points outside Tiktok: evil.example")]
    [InlineData("/ZSlookalike", "short link points outside Tiktok: www.tiktok.com.evil.net")]
    [InlineData("/ZSapp", "short link points outside Tiktok: snssdk1233: link")]
    public async Task A_short_link_that_leads_to_another_site_is_refused(string path, string message)
    {
        var error = await Assert.ThrowsAsync<ExtractionException>(
            () => ShortLinkResolver.ResolveAsync(_site.Url(path), TikTok, _http, CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.UnsupportedUrl, error.Kind);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task A_redirect_loop_stops_after_the_hop_limit()
    {
        var error = await Assert.ThrowsAsync<ExtractionException>(
            () => ShortLinkResolver.ResolveAsync(_site.Url("/ZSloop"), TikTok, _http, CancellationToken.None, maxHops: 3));

        Assert.Equal(ExtractionErrorKind.UnsupportedUrl, error.Kind);
        Assert.EndsWith("redirected more than 3 times", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _site.Requests.Count);
    }

    [Fact]
    public async Task A_short_link_to_a_page_that_is_not_a_post_is_refused_after_the_platform_answers()
    {
        // www.tiktok.com/login is on the platform but matches no pattern, so it would be fetched next: no such host here.
        var error = await Assert.ThrowsAsync<ExtractionException>(
            () => ShortLinkResolver.ResolveAsync(_site.Url("/ZSpage"), TikTok, new HttpClient(new RefusingHandler(_http)), CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.Network, error.Kind);
        Assert.Contains("www.tiktok.com/login", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dead_short_link_is_not_found()
    {
        var error = await Assert.ThrowsAsync<ExtractionException>(
            () => ShortLinkResolver.ResolveAsync(_site.Url("/ZSdead"), TikTok, _http, CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Through_the_gateway_each_hop_is_judged_before_it_is_fetched()
    {
        // The gateway's plugin clients follow redirects by default; the resolver must switch that off, or the client would
        // try www.tiktok.com and evil.example itself (and fail: there is no network but loopback here).
        using var gateway = new VideoBot.Host.Network.HttpGateway(
            Microsoft.Extensions.Options.Options.Create(new VideoBot.Host.Configuration.NetworkOptions { AllowPrivateAddresses = true }),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var manifest = TikTok.Manifest! with
        {
            Permissions = new VideoBot.Host.Manifests.PluginManifest.PermissionsSection { Network = ["127.0.0.1", "*.tiktok.com", "evil.example"] },
        };
        var http = gateway.ForPlugin(manifest);

        var resolved = await ShortLinkResolver.ResolveAsync(_site.Url("/ZStwo"), TikTok, http, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ExtractionException>(
            () => ShortLinkResolver.ResolveAsync(_site.Url("/ZSevil"), TikTok, http, CancellationToken.None));

        Assert.Equal("7312345678901234567", resolved.Match["id"]);
        Assert.Equal(ExtractionErrorKind.UnsupportedUrl, error.Kind);
        Assert.Equal(["/ZStwo", "/ZSgood", "/ZSevil"], _site.Requests);
    }

    /// <summary>Passes loopback requests on and fails any other, as the sandbox has no other network.</summary>
    private sealed class RefusingHandler(HttpClient inner) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.Host == "127.0.0.1"
                ? inner.SendAsync(new HttpRequestMessage(request.Method, request.RequestUri), cancellationToken)
                : throw new HttpRequestException($"no route to {request.RequestUri}");
    }
}
