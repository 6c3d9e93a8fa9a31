using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using VideoBot.Host.Manifests;
using VideoBot.Host.Network;
using VideoBot.Host.Plugins;
using VideoBot.Host.Routing;
using VideoBot.Host.Validation;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;
using VideoBot.Tests.Support;

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
        var config = Path.Combine(RepoPaths.Plugin("vimeo"), "fixtures", "config-76979871.json");
        await using var site = await FixtureSite.StartAsync(app =>
            app.MapGet("/video/76979871/config", () => FixtureSite.File(config, "application/json")));
        using var http = new HttpClient(new OriginRewrite("https://player.vimeo.com", site.BaseUrl));

        var route = _vimeo.Router.Route("https://www.vimeo.com/76979871?share=copy#t=10");
        var candidate = Assert.Single(route.Candidates);
        var result = await _vimeo.Handle.Extractor!.ExtractAsync(
            new ExtractionRequest(candidate.Url!, route.Input, candidate.Match), new TestExtractionContext("vimeo", http), CancellationToken.None);

        Assert.Equal("https://vimeo.com/76979871", candidate.Url!.AbsoluteUri);
        Assert.Equal(["/video/76979871/config"], site.Requests);
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
    public async Task A_config_that_is_not_json_means_the_site_changed()
    {
        using var http = new HttpClient(new InlineHandler(System.Net.HttpStatusCode.OK, "<html>Just a moment...</html>"));

        var error = await Assert.ThrowsAsync<ExtractionException>(() => _vimeo.Handle.Extractor!.ExtractAsync(
            new ExtractionRequest(new Uri("https://vimeo.com/5"), "https://vimeo.com/5", new Dictionary<string, string> { ["id"] = "5" }),
            new TestExtractionContext("vimeo", http), CancellationToken.None));

        Assert.Equal(ExtractionErrorKind.SiteChanged, error.Kind);
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

    /// <summary>Sends requests for one origin to the fixture site instead, as <c>Network:OriginOverrides</c> does.</summary>
    private sealed class OriginRewrite(string origin, Uri target) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!;
            if (url.GetLeftPart(UriPartial.Authority) == origin)
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
