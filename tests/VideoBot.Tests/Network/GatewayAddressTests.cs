using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Host.Configuration;
using VideoBot.Host.Network;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Support;
using static VideoBot.Tests.Network.NetworkTestKit;

namespace VideoBot.Tests.Network;

public sealed class GatewayAddressTests : IAsyncLifetime
{
    private FixtureSite _site = null!;

    public async Task InitializeAsync() => _site = await FixtureSite.StartAsync(app =>
    {
        app.MapGet("/hello", () => "hello");
        app.MapGet("/headers", (HttpRequest r) => $"host={r.Headers.Host}|ua={r.Headers.UserAgent}|path={r.Path}{r.QueryString}");
    });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_loopback_site_is_refused_when_private_addresses_are_not_allowed()
    {
        using var gateway = Gateway(allowPrivate: false);
        var url = _site.Url("/hello");

        var refusal = await Assert.ThrowsAsync<NetworkPolicyException>(() => gateway.Host.GetStringAsync(url));

        Assert.Equal($"refused {url}: 127.0.0.1 is a loopback address and Network:AllowPrivateAddresses is false", refusal.Message);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task A_loopback_site_is_served_when_private_addresses_are_allowed()
    {
        using var gateway = Gateway(allowPrivate: true);

        Assert.Equal("hello", await gateway.Host.GetStringAsync(_site.Url("/hello")));
        Assert.Equal(["/hello"], _site.Requests);
    }

    [Fact]
    public async Task A_host_name_is_judged_by_the_address_it_resolves_to()
    {
        using var gateway = Gateway(allowPrivate: false);
        var url = new Uri($"http://localhost:{_site.BaseUrl.Port}/hello");

        var refusal = await Assert.ThrowsAsync<NetworkPolicyException>(() => gateway.Host.GetStringAsync(url));

        Assert.Contains("localhost resolves to", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("a loopback address", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task An_IPv4_mapped_IPv6_literal_cannot_slip_past_the_rule()
    {
        using var gateway = Gateway(allowPrivate: false);

        var refusal = await Assert.ThrowsAsync<NetworkPolicyException>(
            () => gateway.Host.GetStringAsync(new Uri($"http://[::ffff:127.0.0.1]:{_site.BaseUrl.Port}/hello")));

        Assert.Contains("a loopback address", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plugin_reaching_a_private_address_fails_with_PermissionDenied()
    {
        using var gateway = Gateway(allowPrivate: false);
        using var http = gateway.ForPlugin(Manifest("reddit", Loopback));

        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetStringAsync(_site.Url("/hello")));

        Assert.Equal(ExtractionErrorKind.PermissionDenied, error.Kind);
        Assert.Contains("127.0.0.1 is a loopback address and Network:AllowPrivateAddresses is false", error.Message, StringComparison.Ordinal);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task A_plugin_reaching_a_host_outside_its_permissions_is_refused_with_its_id_and_the_host()
    {
        using var gateway = Gateway(allowPrivate: true);
        using var http = gateway.ForPlugin(Manifest("reddit", "reddit.com", "*.redd.it"));

        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetStringAsync(_site.Url("/hello")));

        Assert.Equal(ExtractionErrorKind.PermissionDenied, error.Kind);
        Assert.Equal("plugin 'reddit' may not reach 127.0.0.1: not in permissions.network", error.Message);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task A_plugin_reaches_a_host_in_its_permissions_with_the_configured_User_Agent()
    {
        using var gateway = Gateway(allowPrivate: true, o => o.UserAgent = "VideoBotTest/1.0");
        using var http = gateway.ForPlugin(Manifest("site", Loopback));

        var answer = await http.GetStringAsync(_site.Url("/headers"));

        Assert.Contains("ua=VideoBotTest/1.0", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/file")]
    [InlineData("gopher://example.com/")]
    [InlineData("data:text/plain,hello")]
    public async Task Schemes_other_than_http_and_https_are_refused(string url)
    {
        using var gateway = Gateway(allowPrivate: true);
        using var http = gateway.ForPlugin(Manifest("site", "example.com"));

        var hostRefusal = await Assert.ThrowsAsync<NetworkPolicyException>(() => gateway.Host.GetAsync(new Uri(url)));
        var pluginRefusal = await Assert.ThrowsAsync<ExtractionException>(() => http.GetAsync(new Uri(url)));

        Assert.EndsWith(": only http and https are allowed", hostRefusal.Message, StringComparison.Ordinal);
        Assert.Equal(ExtractionErrorKind.PermissionDenied, pluginRefusal.Kind);
        Assert.Equal(hostRefusal.Message, pluginRefusal.Message);
    }

    [Fact]
    public async Task Credentials_in_a_URL_are_refused_without_repeating_them()
    {
        using var gateway = Gateway(allowPrivate: true);
        var url = new Uri($"http://admin:hunter2@127.0.0.1:{_site.BaseUrl.Port}/hello");

        var refusal = await Assert.ThrowsAsync<NetworkPolicyException>(() => gateway.Host.GetStringAsync(url));

        Assert.Contains("credentials in URLs are not allowed", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task An_origin_override_routes_to_the_fixture_site_and_keeps_the_original_host()
    {
        using var gateway = Gateway(allowPrivate: true, o => o.OriginOverrides["https://api.example.com"] = _site.BaseUrl.ToString());
        using var http = gateway.ForPlugin(Manifest("example", "api.example.com"));
        var url = new Uri("https://api.example.com/headers?b=2&a=1");

        using var response = await http.GetAsync(url);

        Assert.Equal("host=api.example.com|ua=" + new NetworkOptions().UserAgent + "|path=/headers?b=2&a=1",
            await response.Content.ReadAsStringAsync());
        Assert.Equal(url, response.RequestMessage!.RequestUri);
    }

    [Fact]
    public async Task An_origin_override_still_obeys_AllowPrivateAddresses()
    {
        using var gateway = Gateway(allowPrivate: false, o => o.OriginOverrides["https://api.example.com"] = _site.BaseUrl.ToString());
        using var http = gateway.ForPlugin(Manifest("example", "api.example.com"));

        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetStringAsync("https://api.example.com/hello"));

        Assert.Equal(ExtractionErrorKind.PermissionDenied, error.Kind);
        Assert.Contains("127.0.0.1 is a loopback address", error.Message, StringComparison.Ordinal);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task An_origin_override_does_not_widen_a_plugins_permissions()
    {
        using var gateway = Gateway(allowPrivate: true, o => o.OriginOverrides["https://api.example.com"] = _site.BaseUrl.ToString());
        using var http = gateway.ForPlugin(Manifest("example", Loopback));

        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetStringAsync("https://api.example.com/hello"));

        Assert.Equal("plugin 'example' may not reach api.example.com: not in permissions.network", error.Message);
    }

    [Fact]
    public async Task A_closed_port_surfaces_to_a_plugin_as_a_network_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var gateway = Gateway(allowPrivate: true);
        using var http = gateway.ForPlugin(Manifest("site", Loopback));

        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetStringAsync($"http://127.0.0.1:{port}/"));

        Assert.Equal(ExtractionErrorKind.Network, error.Kind);
        Assert.Contains($"GET http://127.0.0.1:{port}/ failed: Connection refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_surfaces_to_a_plugin_as_a_network_error()
    {
        using var gateway = Gateway(allowPrivate: false);
        using var http = gateway.ForPlugin(Manifest("site", "*.invalid"));

        var error = await Assert.ThrowsAsync<ExtractionException>(() => http.GetStringAsync("http://nothing-here.invalid/"));

        Assert.Equal(ExtractionErrorKind.Network, error.Kind);
        Assert.StartsWith("GET http://nothing-here.invalid/ failed:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_a_plugin_client_leaves_the_shared_connection_pool_working()
    {
        using var gateway = Gateway(allowPrivate: true);
        using (var http = gateway.ForPlugin(Manifest("site", Loopback)))
        {
            Assert.Equal("hello", await http.GetStringAsync(_site.Url("/hello")));
        }

        Assert.Equal("hello", await gateway.Host.GetStringAsync(_site.Url("/hello")));
    }
}
