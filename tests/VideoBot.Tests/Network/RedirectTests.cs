using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Host.Network;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Support;
using static VideoBot.Tests.Network.NetworkTestKit;

namespace VideoBot.Tests.Network;

public sealed class RedirectTests : IAsyncLifetime
{
    private FixtureSite _site = null!;
    private FixtureSite _other = null!;

    public async Task InitializeAsync()
    {
        _other = await FixtureSite.StartAsync(app =>
            app.MapGet("/echo", (HttpRequest r) => $"auth={r.Headers.Authorization}|cookie={r.Headers.Cookie}|x={r.Headers["X-Custom"]}"));
        var localhost = $"http://localhost:{_other.BaseUrl.Port}";
        var other = _other.BaseUrl.ToString().TrimEnd('/');
        _site = await FixtureSite.StartAsync(app =>
        {
            app.MapGet("/hello", () => "hello");
            app.MapGet("/to-hello", () => Results.Redirect("/hello"));
            app.MapGet("/to-localhost", () => Results.Redirect($"{localhost}/echo"));
            app.MapGet("/to-unspecified", (HttpRequest r) => Results.Redirect($"http://0.0.0.0:{r.Host.Port}/hello"));
            app.MapGet("/to-file", () => Results.Redirect("file:///etc/passwd"));
            app.MapGet("/same-origin", () => Results.Redirect("/echo"));
            app.MapGet("/cross-origin", () => Results.Redirect($"{other}/echo"));
            app.MapGet("/echo", (HttpRequest r) => $"auth={r.Headers.Authorization}|cookie={r.Headers.Cookie}|x={r.Headers["X-Custom"]}");
            app.MapGet("/loop/{n:int}", (int n) => Results.Redirect($"/loop/{n + 1}"));
            app.MapPost("/form", () => Results.Redirect("/method", permanent: false, preserveMethod: false));
            app.MapPost("/keep", () => Results.Redirect("/method", permanent: false, preserveMethod: true));
            app.MapGet("/method", () => "GET");
            app.MapPost("/method", async (HttpRequest r) => "POST " + await new StreamReader(r.Body).ReadToEndAsync());
        });
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await _other.DisposeAsync();
    }

    [Fact]
    public async Task A_redirect_is_followed_and_the_response_names_the_final_URL()
    {
        using var gateway = Gateway(allowPrivate: true);

        using var response = await gateway.Host.GetAsync(_site.Url("/to-hello"));

        Assert.Equal("hello", await response.Content.ReadAsStringAsync());
        Assert.Equal(_site.Url("/hello"), response.RequestMessage!.RequestUri);
    }

    [Fact]
    public async Task A_redirect_from_a_permitted_host_to_one_outside_the_permissions_is_refused()
    {
        using var gateway = Gateway(allowPrivate: true);
        using var http = gateway.ForPlugin(Manifest("reddit", Loopback));

        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetStringAsync(_site.Url("/to-localhost")));

        Assert.Equal(ExtractionErrorKind.PermissionDenied, error.Kind);
        Assert.Equal("plugin 'reddit' may not reach localhost: not in permissions.network", error.Message);
        Assert.Empty(_other.Requests);
    }

    [Fact]
    public async Task A_redirect_to_a_forbidden_address_is_refused_at_the_socket()
    {
        // 0.0.0.0 reaches this machine on Linux; it stays forbidden even where loopback is allowed.
        using var gateway = Gateway(allowPrivate: true);

        var refusal = await Assert.ThrowsAsync<NetworkPolicyException>(() => gateway.Host.GetStringAsync(_site.Url("/to-unspecified")));

        Assert.Contains("0.0.0.0 is an unspecified address", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(["/to-unspecified"], _site.Requests);
    }

    [Fact]
    public async Task A_redirect_to_a_file_URL_is_refused()
    {
        using var gateway = Gateway(allowPrivate: true);
        using var http = gateway.ForPlugin(Manifest("site", Loopback));

        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetStringAsync(_site.Url("/to-file")));

        Assert.Equal(ExtractionErrorKind.PermissionDenied, error.Kind);
        Assert.Equal("refused file:///etc/passwd: only http and https are allowed", error.Message);
    }

    [Fact]
    public async Task Credentials_survive_a_same_origin_redirect()
    {
        using var gateway = Gateway(allowPrivate: true);
        using var request = Request(_site.Url("/same-origin"));

        using var response = await gateway.Host.SendAsync(request);

        Assert.Equal("auth=Bearer secret|cookie=session=1|x=kept", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Credentials_are_dropped_on_a_cross_origin_redirect()
    {
        using var gateway = Gateway(allowPrivate: true);
        using var request = Request(_site.Url("/cross-origin"));

        using var response = await gateway.Host.SendAsync(request);

        Assert.Equal("auth=|cookie=|x=kept", await response.Content.ReadAsStringAsync());
        Assert.Equal(["/echo"], _other.Requests);
    }

    [Fact]
    public async Task Redirects_past_the_limit_fail_clearly()
    {
        using var gateway = Gateway(allowPrivate: true, o => o.MaxRedirects = 3);
        using var http = gateway.ForPlugin(Manifest("site", Loopback));

        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetStringAsync(_site.Url("/loop/0")));

        Assert.Equal(ExtractionErrorKind.Network, error.Kind);
        Assert.Contains("redirected more than 3 times", error.Message, StringComparison.Ordinal);
        Assert.Equal(["/loop/0", "/loop/1", "/loop/2", "/loop/3"], _site.Requests);
    }

    [Fact]
    public async Task A_redirected_POST_becomes_a_GET_for_302_and_stays_a_POST_for_307()
    {
        using var gateway = Gateway(allowPrivate: true);

        using var form = await gateway.Host.PostAsync(_site.Url("/form"), new StringContent("a=1"));
        using var keep = await gateway.Host.PostAsync(_site.Url("/keep"), new StringContent("a=1"));

        Assert.Equal("GET", await form.Content.ReadAsStringAsync());
        Assert.Equal("POST a=1", await keep.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_request_can_ask_for_the_redirect_itself()
    {
        using var gateway = Gateway(allowPrivate: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, _site.Url("/to-hello"));
        request.Options.Set(GatewayRequestOptions.FollowRedirects, false);

        using var response = await gateway.Host.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/hello", response.Headers.Location!.OriginalString);
        Assert.Equal(["/to-hello"], _site.Requests);
    }

    private static HttpRequestMessage Request(Uri url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", "secret");
        request.Headers.Add("Cookie", "session=1");
        request.Headers.Add("X-Custom", "kept");
        return request;
    }
}
