using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Host.Network;
using VideoBot.Tests.Support;
using static VideoBot.Tests.Network.NetworkTestKit;

namespace VideoBot.Tests.Network;

/// <summary>
/// A plugin client's cookie jar, against a loopback site playing several hosts (through <c>Network:OriginOverrides</c>, so
/// cookies belong to the names the plugin asked for): <c>www.example.test</c> and <c>api.example.test</c> are permitted,
/// <c>other.test</c> is not. The site sets a session cookie on <c>/login</c> and refuses <c>/api</c> without it, as reddit's
/// JSON API refuses a request without the cookie its first page sets.
/// </summary>
public sealed class Keeping_cookies_for_one_run : IAsyncLifetime
{
    private const string Www = "http://www.example.test";
    private const string Api = "http://api.example.test";
    private const string Other = "http://other.test";

    private FixtureSite _site = null!;

    public async Task InitializeAsync() => _site = await FixtureSite.StartAsync(app =>
    {
        app.MapGet("/login", (HttpContext c) =>
        {
            c.Response.Headers.Append("Set-Cookie", "session=abc123; Path=/; HttpOnly");
            c.Response.Headers.Append("Set-Cookie", "theme=dark; Path=/settings");
            return "welcome";
        });
        app.MapGet("/api", (HttpContext c) =>
            c.Request.Cookies["session"] == "abc123" ? Results.Json(new { ok = true }) : Results.StatusCode(403));
        app.MapGet("/login-then-api", (HttpContext c) =>
        {
            c.Response.Headers.Append("Set-Cookie", "session=abc123; Path=/");
            return Results.Redirect("/api");
        });
        app.MapGet("/domain-cookie", (HttpContext c) =>
        {
            c.Response.Headers.Append("Set-Cookie", "shared=1; Domain=example.test; Path=/");
            return "ok";
        });
        app.MapGet("/foreign-cookie", (HttpContext c) =>
        {
            c.Response.Headers.Append("Set-Cookie", "foreign=1; Domain=other.test; Path=/");
            return "ok";
        });
        app.MapGet("/to-other", () => Results.Redirect(Other + "/echo"));
        app.MapGet("/echo", (HttpContext c) => c.Request.Headers.Cookie.ToString());
    });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_cookie_the_site_sets_is_sent_on_the_next_request_of_the_run()
    {
        using var gateway = SiteGateway();
        using var http = gateway.ForPlugin(Manifest("site", "www.example.test", "api.example.test"));

        await http.GetStringAsync(Www + "/login");
        using var api = await http.GetAsync(Www + "/api");

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal("session=abc123", await http.GetStringAsync(Www + "/echo"));
        Assert.Equal("abc123", http.Cookies.For(new Uri(Www + "/api"))["session"]);
        Assert.Equal("dark", http.Cookies.For(new Uri(Www + "/settings/x"))["theme"]);
    }

    [Fact]
    public async Task Without_the_cookie_the_site_refuses_and_a_new_run_starts_with_an_empty_jar()
    {
        using var gateway = SiteGateway();
        var manifest = Manifest("site", "www.example.test");
        using (var first = gateway.ForPlugin(manifest))
        {
            await first.GetStringAsync(Www + "/login");
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(Www + "/api")).StatusCode);
        }

        using var second = gateway.ForPlugin(manifest);
        using var refused = await second.GetAsync(Www + "/api");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0, second.Cookies.Count);
    }

    [Fact]
    public async Task A_redirect_that_sets_a_cookie_carries_it_to_the_next_hop()
    {
        using var gateway = SiteGateway();
        using var http = gateway.ForPlugin(Manifest("site", "www.example.test"));

        using var response = await http.GetAsync(Www + "/login-then-api");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Www + "/api", response.RequestMessage!.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task A_host_only_cookie_is_not_sent_to_another_host_but_a_domain_cookie_is()
    {
        using var gateway = SiteGateway();
        using var http = gateway.ForPlugin(Manifest("site", "www.example.test", "api.example.test"));

        await http.GetStringAsync(Www + "/login");
        await http.GetStringAsync(Www + "/domain-cookie");

        Assert.Equal("shared=1", await http.GetStringAsync(Api + "/echo"));
        Assert.Equal(["session=abc123", "shared=1"], (await http.GetStringAsync(Www + "/echo")).Split("; ").Order());
    }

    [Fact]
    public async Task A_cookie_for_a_host_outside_the_permissions_is_never_stored_nor_sent()
    {
        using var gateway = SiteGateway();
        using var http = gateway.ForPlugin(Manifest("site", "www.example.test"));

        await http.GetStringAsync(Www + "/foreign-cookie");
        var refused = await Assert.ThrowsAsync<VideoBot.Sdk.Extraction.ExtractionException>(() => http.GetStringAsync(Www + "/to-other"));

        Assert.Equal(0, http.Cookies.Count);
        Assert.Empty(http.Cookies.For(new Uri(Other + "/echo")));
        Assert.Equal(VideoBot.Sdk.Extraction.ExtractionErrorKind.PermissionDenied, refused.Kind);
        Assert.DoesNotContain("/echo", _site.Requests);
    }

    [Fact]
    public async Task A_cookie_header_the_plugin_sets_goes_first_and_the_jars_cookies_after_it()
    {
        using var gateway = SiteGateway();
        using var http = gateway.ForPlugin(Manifest("site", "www.example.test"));
        await http.GetStringAsync(Www + "/login");
        using var request = new HttpRequestMessage(HttpMethod.Get, Www + "/echo");
        request.Headers.Add("Cookie", "mine=1");

        using var response = await http.SendAsync(request);

        Assert.Equal("mine=1; session=abc123", await response.Content.ReadAsStringAsync());
        Assert.Equal("mine=1", string.Join("; ", request.Headers.GetValues("Cookie")));
    }

    [Fact]
    public async Task Operator_cookies_are_loaded_only_for_the_permitted_hosts()
    {
        using var gateway = SiteGateway();
        using var http = gateway.ForPlugin(Manifest("site", "www.example.test", "api.example.test"));
        var file = NetscapeCookies.Parse(
            "# Netscape HTTP Cookie File\n" +
            "www.example.test\tFALSE\t/\tFALSE\t0\tsession\tabc123\n" +
            "#HttpOnly_.example.test\tTRUE\t/\tFALSE\t4102444800\ttoken\tt0k\n" +
            ".google.com\tTRUE\t/\tFALSE\t4102444800\tNID\tsecret\n" +
            ".test\tTRUE\t/\tFALSE\t4102444800\ttld\twide\n" +
            ".example.test\tTRUE\t/\tFALSE\t946684800\texpired\t1\n" +
            "not a cookie line\n", out var malformed);

        var added = http.Cookies.Load(file, DateTimeOffset.UtcNow);

        Assert.Equal((2, 1), (added, malformed));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Www + "/api")).StatusCode);
        Assert.Equal("token=t0k", await http.GetStringAsync(Api + "/echo"));
        Assert.Empty(http.Cookies.For(new Uri("http://www.google.com/")));
        Assert.DoesNotContain("tld", http.Cookies.For(new Uri(Www + "/")).Keys);
    }

    private HttpGateway SiteGateway() => Gateway(allowPrivate: true, o =>
    {
        var site = _site.BaseUrl.GetLeftPart(UriPartial.Authority);
        o.OriginOverrides[Www] = site;
        o.OriginOverrides[Api] = site;
        o.OriginOverrides[Other] = site;
    });
}
