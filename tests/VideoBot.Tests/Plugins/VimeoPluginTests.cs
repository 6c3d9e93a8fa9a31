using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using VideoBot.Host.Manifests;
using VideoBot.Host.Network;
using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;
using VideoBot.Tests.Support;
using VideoBot.Host.PluginTesting;

namespace VideoBot.Tests.Plugins;

/// <summary>The example assembly plugin, loaded as the host loads it, routed as the host routes, fed recorded answers.</summary>
public sealed class VimeoPluginTests : IClassFixture<VimeoPluginTests.Loaded>
{
    private readonly Loaded _vimeo;

    public VimeoPluginTests(Loaded vimeo) => _vimeo = vimeo;

    public static TheoryData<int> ManifestTests()
    {
        var data = new TheoryData<int>();
        var manifest = ManifestReader.Read(RepoPaths.Plugin("vimeo"));
        Assert.True(manifest.IsValid, string.Join("; ", manifest.Errors));
        for (var i = 0; i < manifest.Manifest!.Tests.Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ManifestTests))]
    public async Task Each_manifest_test_routes_extracts_and_meets_its_expectations(int index)
    {
        var test = _vimeo.Handle.Manifest!.Tests[index];
        var route = _vimeo.Router.Route(test.Url);
        var candidate = Assert.Single(route.Candidates);
        using var replay = FixtureReplayHandler.ForTest(_vimeo.Handle.Directory, test, index);
        using var http = new HttpClient(replay, disposeHandler: false);

        ExtractionResult? result = null;
        ExtractionException? error = null;
        try
        {
            var request = new ExtractionRequest(candidate.Url!, test.Url, candidate.Match);
            result = await _vimeo.Handle.Extractor!.ExtractAsync(request, new TestExtractionContext("vimeo", http), CancellationToken.None);
        }
        catch (ExtractionException ex)
        {
            error = ex;
        }

        Assert.Empty(ExpectationChecker.Check(test.Expect, result, error));
        Assert.Empty(replay.Unused);
    }

    [Fact]
    public async Task A_public_video_is_read_over_http_with_every_progressive_file_and_the_default_hls_cdn()
    {
        var fixtures = Path.Combine(RepoPaths.Plugin("vimeo"), "fixtures");
        await using var site = await FixtureSite.StartAsync(app =>
        {
            app.MapGet("/76979871", () => FixtureSite.File(Path.Combine(fixtures, "page-76979871.html"), "text/html; charset=utf-8"));
            app.MapGet("/video/76979871/config", () => FixtureSite.File(Path.Combine(fixtures, "config-76979871.json"), "application/json"));
        });
        using var http = new HttpClient(new OriginRewrite(site.BaseUrl, "https://player.vimeo.com", "https://vimeo.com"));

        var route = _vimeo.Router.Route("https://www.vimeo.com/76979871?share=copy#t=10");
        var candidate = Assert.Single(route.Candidates);
        var result = await _vimeo.Handle.Extractor!.ExtractAsync(
            new ExtractionRequest(candidate.Url!, route.Input, candidate.Match), new TestExtractionContext("vimeo", http), CancellationToken.None);

        Assert.Equal("https://vimeo.com/76979871", candidate.Url!.AbsoluteUri);
        // The page first, then the config URL it names, signature and all: the plugin does not build it.
        Assert.Equal(2, site.Requests.Count);
        Assert.Equal("/76979871", site.Requests[0]);
        Assert.StartsWith("/video/76979871/config?autoplay=0&", site.Requests[1], StringComparison.Ordinal);
        Assert.EndsWith("&s=0a6f3d1c2b9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a_1765000000", site.Requests[1], StringComparison.Ordinal);
        var post = result.Post!;
        Assert.Equal("Vimeo", post.Uploader);
        Assert.Equal(TimeSpan.FromSeconds(62), post.Duration);
        var formats = Assert.Single(post.Items).Formats;
        Assert.Equal(["http-540p", "http-720p", "http-360p", "hls-akfire_interconnect_quic"], formats.Select(f => f.FormatId));
        Assert.All(formats.Take(3), f => Assert.Equal(StreamProtocol.Http, f.Protocol));
        Assert.Equal(StreamProtocol.Hls, formats[3].Protocol);
        Assert.StartsWith("https://vod-adaptive-ak.vimeocdn.com/", formats[3].Url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal((1280, 720), (formats[1].Width!.Value, formats[1].Height!.Value));
    }

    [Fact]
    public async Task A_challenge_page_everywhere_hands_the_video_to_yt_dlp()
    {
        using var http = new HttpClient(new InlineHandler(System.Net.HttpStatusCode.OK, "<html>Just a moment...</html>"));

        var result = await _vimeo.Handle.Extractor!.ExtractAsync(
            new ExtractionRequest(new Uri("https://vimeo.com/5"), "https://vimeo.com/5", new Dictionary<string, string> { ["id"] = "5" }),
            new TestExtractionContext("vimeo", http), CancellationToken.None);

        Assert.Null(result.Post);
        Assert.Equal("https://vimeo.com/5", result.YtDlp!.Url.AbsoluteUri);
    }

    [Fact]
    public async Task With_a_vimeo_app_configured_the_signed_config_url_comes_from_api_vimeo_com()
    {
        var dir = RepoPaths.Plugin("vimeo");
        var signed = "https://player.vimeo.com/video/76979871/config?autoplay=0&h=8272103f6e&s=9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b_1765000000";
        var fixtures = ManifestFixtures(
            ("https://vimeo.com/76979871", """{ "status": 403, "contentType": "text/html", "file": "fixtures/blocked.html" }"""),
            ("https://api.vimeo.com/oauth/authorize/client", """{ "json": { "access_token": "3f1e9c0a7b2d4e6f8a1c3e5b7d9f0a2c", "token_type": "bearer", "scope": "public", "app": { "name": "videobot", "uri": "/apps/271828" } } }"""),
            ("https://api.vimeo.com/videos/76979871?fields=config_url", JsonSerializer.Serialize(new { json = new { config_url = signed } })),
            (signed, """{ "file": "fixtures/config-76979871.json" }"""));
        var sent = new List<HttpRequestMessage>();
        using var replay = new FixtureReplayHandler(dir, fixtures, "apiTest");
        using var http = new HttpClient(new Spy(sent) { InnerHandler = replay });
        var settings = new Dictionary<string, string> { ["apiClientId"] = "a1b2c3d4e5f6", ["apiClientSecret"] = "s3cr3t/+=" };

        var result = await _vimeo.Handle.Extractor!.ExtractAsync(
            new ExtractionRequest(new Uri("https://vimeo.com/76979871"), "https://vimeo.com/76979871", new Dictionary<string, string> { ["id"] = "76979871" }),
            new TestExtractionContext("vimeo", http, settings), CancellationToken.None);

        Assert.Equal("76979871", result.Post!.Id);
        Assert.Empty(replay.Unused);
        var token = sent.Single(r => r.RequestUri!.AbsolutePath == "/oauth/authorize/client");
        Assert.Equal(HttpMethod.Post, token.Method);
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("a1b2c3d4e5f6:s3cr3t/+=")), token.Headers.Authorization!.ToString());
        var video = sent.Single(r => r.RequestUri!.AbsolutePath == "/videos/76979871");
        Assert.Equal("Bearer 3f1e9c0a7b2d4e6f8a1c3e5b7d9f0a2c", video.Headers.Authorization!.ToString());
        Assert.DoesNotContain(sent, r => r.RequestUri!.AbsoluteUri == "https://player.vimeo.com/video/76979871/config");
    }

    [Fact]
    public async Task Refused_vimeo_app_credentials_fall_back_to_the_unsigned_config()
    {
        var fixtures = ManifestFixtures(
            ("https://vimeo.com/76979871", """{ "status": 403, "contentType": "text/html", "file": "fixtures/blocked.html" }"""),
            ("https://api.vimeo.com/oauth/authorize/client", """{ "status": 401, "json": { "error": "You must provide a valid authenticated access token.", "error_code": 8003 } }"""),
            ("https://player.vimeo.com/video/76979871/config", """{ "file": "fixtures/config-76979871.json" }"""));
        using var replay = new FixtureReplayHandler(RepoPaths.Plugin("vimeo"), fixtures, "apiTest");
        using var http = new HttpClient(replay, disposeHandler: false);
        var settings = new Dictionary<string, string> { ["apiClientId"] = "revoked", ["apiClientSecret"] = "old" };

        var result = await _vimeo.Handle.Extractor!.ExtractAsync(
            new ExtractionRequest(new Uri("https://vimeo.com/76979871"), "https://vimeo.com/76979871", new Dictionary<string, string> { ["id"] = "76979871" }),
            new TestExtractionContext("vimeo", http, settings), CancellationToken.None);

        Assert.Equal("76979871", result.Post!.Id);
        Assert.Empty(replay.Unused);
    }

    [Fact]
    public async Task A_rate_limit_answer_carries_the_retry_delay()
    {
        using var http = new HttpClient(new InlineHandler(System.Net.HttpStatusCode.TooManyRequests, "{}", retryAfterSeconds: 30));

        var error = await Assert.ThrowsAsync<ExtractionException>(() => _vimeo.Handle.Extractor!.ExtractAsync(
            new ExtractionRequest(new Uri("https://vimeo.com/5"), "https://vimeo.com/5", new Dictionary<string, string> { ["id"] = "5" }),
            new TestExtractionContext("vimeo", http), CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
    }

    [Theory]
    [InlineData("https://vimeo.com/channels/staffpicks/76979871", "76979871")]
    [InlineData("https://vimeo.com/groups/travelhd/videos/22439234", "22439234")]
    [InlineData("https://vimeo.com/showcase/3253534/video/119195465", "119195465")]
    [InlineData("https://player.vimeo.com/video/54469442", "54469442")]
    [InlineData("https://player.vimeo.com/video/160743502?h=abd0e13fb4&autoplay=1", "160743502")]
    [InlineData("http://www.vimeo.com/56015672#at=0", "56015672")]
    public void Real_vimeo_url_forms_route_to_the_plugin(string url, string id)
    {
        Assert.Equal(id, Assert.Single(_vimeo.Router.Route(url).Candidates).Match["id"]);
    }

    [Theory]
    [InlineData("https://vimeo.com/channels/staffpicks")]
    [InlineData("https://vimeo.com/staff")]
    [InlineData("https://vimeo.com.evil.net/76979871")]
    [InlineData("https://notvimeo.com/76979871")]
    public void Vimeo_pages_that_are_not_videos_and_look_alikes_do_not_route(string url)
    {
        Assert.Empty(_vimeo.Router.Route(url).Candidates);
    }

    /// <summary>The plugin loaded once for the class, unloaded at the end.</summary>
    public sealed class Loaded : IDisposable
    {
        public Loaded()
        {
            Handle = new PluginLoader(TestOptions.Plugins()).Load(RepoPaths.Plugin("vimeo"));
            Assert.True(Handle.Status == PluginStatus.Active, Handle.Reason);
            Router = new Router(new Catalog(Handle), NullLogger<Router>.Instance);
        }

        internal PluginHandle Handle { get; }

        internal Router Router { get; }

        public void Dispose() => Handle.Lifetime?.Dispose();

        private sealed class Catalog(PluginHandle handle) : IPluginCatalog
        {
            public IReadOnlyList<PluginHandle> Plugins { get; } = [handle];

            public PluginHandle? Find(string id) => id == handle.Id ? handle : null;
        }
    }

    private static Dictionary<string, System.Text.Json.JsonElement> ManifestFixtures(params (string Url, string Json)[] fixtures) =>
        fixtures.ToDictionary(f => f.Url, f => System.Text.Json.JsonDocument.Parse(f.Json).RootElement.Clone());

    /// <summary>Keeps each request (headers included) before it is answered.</summary>
    private sealed class Spy(List<HttpRequestMessage> sent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Add(request);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Sends requests for some origins to the fixture site instead, as <c>Network:OriginOverrides</c> does.</summary>
    private sealed class OriginRewrite(Uri target, params string[] origins) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!;
            if (origins.Contains(url.GetLeftPart(UriPartial.Authority)))
            {
                request.RequestUri = new Uri(target, url.PathAndQuery);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class InlineHandler(System.Net.HttpStatusCode status, string body, int? retryAfterSeconds = null) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body), RequestMessage = request };
            if (retryAfterSeconds is { } seconds)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
            }

            return Task.FromResult(response);
        }
    }
}
