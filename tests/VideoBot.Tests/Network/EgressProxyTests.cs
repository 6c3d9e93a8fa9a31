using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Host.Network;
using VideoBot.Tests.Support;
using static VideoBot.Tests.Network.ProxyClients;

namespace VideoBot.Tests.Network;

public sealed class EgressProxyTests : IAsyncLifetime
{
    private FixtureSite _site = null!;

    public async Task InitializeAsync() => _site = await FixtureSite.StartAsync(app =>
    {
        app.MapGet("/hello", () => "hello");
        app.MapGet("/headers", (HttpRequest r) =>
            string.Join('|', new[] { "Proxy-Authorization", "Proxy-Connection", "X-Drop", "X-Keep", "Host" }.Select(h => $"{h}={r.Headers[h]}")));
        app.MapPost("/echo", async (HttpRequest r) => "got " + await new StreamReader(r.Body).ReadToEndAsync());
        app.MapGet("/raw", (HttpContext c) => "raw " + c.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget);
    });

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task A_plain_request_to_loopback_through_the_proxy_is_refused_when_private_addresses_are_not_allowed()
    {
        await using var proxy = Proxy(allowPrivate: false);

        var (_, output, _) = await RunAsync("curl", "-sS", "-x", proxy.Url.ToString(), _site.Url("/hello").ToString(), "-w", "\n%{http_code}");

        Assert.Contains($"refused {_site.Url("/hello")}: 127.0.0.1 is a loopback address and Network:AllowPrivateAddresses is false", output, StringComparison.Ordinal);
        Assert.EndsWith("\n403", output, StringComparison.Ordinal);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task A_plain_request_to_loopback_through_the_proxy_passes_when_private_addresses_are_allowed()
    {
        await using var proxy = Proxy(allowPrivate: true);

        var (exitCode, output, error) = await RunAsync("curl", "-sS", "-x", proxy.Url.ToString(), _site.Url("/hello").ToString(), "-w", "\n%{http_code}");

        Assert.True(exitCode == 0, error);
        Assert.Equal("hello\n200", output);
        Assert.Equal(["/hello"], _site.Requests);
    }

    [Fact]
    public async Task A_CONNECT_tunnel_to_loopback_is_refused_when_private_addresses_are_not_allowed()
    {
        await using var proxy = Proxy(allowPrivate: false);
        var authority = $"127.0.0.1:{_site.BaseUrl.Port}";

        var answer = await RawAsync(proxy.Url, $"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n\r\n");
        var (exitCode, _, _) = await RunAsync("curl", "-sS", "-p", "-x", proxy.Url.ToString(), _site.Url("/hello").ToString());

        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\n", answer, StringComparison.Ordinal);
        Assert.Contains($"refused CONNECT {authority}: 127.0.0.1 is a loopback address", answer, StringComparison.Ordinal);
        Assert.NotEqual(0, exitCode);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task A_CONNECT_tunnel_carries_traffic_when_private_addresses_are_allowed()
    {
        await using var proxy = Proxy(allowPrivate: true);

        var (exitCode, output, error) = await RunAsync("curl", "-sS", "-p", "-x", proxy.Url.ToString(), _site.Url("/hello").ToString());

        Assert.True(exitCode == 0, error);
        Assert.Equal("hello", output);
        Assert.Equal(["/hello"], _site.Requests);
    }

    [Fact]
    public async Task HttpClient_with_a_WebProxy_is_judged_by_the_same_rule()
    {
        await using var refusing = Proxy(allowPrivate: false);
        await using var allowing = Proxy(allowPrivate: true);
        using var viaRefusing = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy(refusing.Url), UseProxy = true });
        using var viaAllowing = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy(allowing.Url), UseProxy = true });

        using var refused = await viaRefusing.GetAsync(_site.Url("/hello"));
        using var served = await viaAllowing.GetAsync(_site.Url("/hello"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("hello", await served.Content.ReadAsStringAsync());
        Assert.Equal(["/hello"], _site.Requests);
    }

    [Fact]
    public async Task A_name_is_judged_by_the_address_it_resolves_to()
    {
        await using var proxy = Proxy(allowPrivate: false);

        var answer = await RawAsync(proxy.Url, $"GET http://localhost:{_site.BaseUrl.Port}/hello HTTP/1.1\r\nHost: localhost\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("localhost resolves to", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/file", "only http and https are allowed")]
    [InlineData("http://user:pw@127.0.0.1/", "credentials in URLs are not allowed")]
    public async Task Forbidden_schemes_and_credentials_are_refused(string url, string reason)
    {
        await using var proxy = Proxy(allowPrivate: true);

        var answer = await RawAsync(proxy.Url, $"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 403 Forbidden\r\n", answer, StringComparison.Ordinal);
        Assert.Contains(reason, answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proxy_credentials_and_hop_by_hop_headers_are_not_forwarded()
    {
        await using var proxy = Proxy(allowPrivate: true);
        var url = _site.Url("/headers");

        var answer = await RawAsync(proxy.Url,
            $"GET {url} HTTP/1.1\r\nHost: {url.Authority}\r\nProxy-Authorization: Basic c2VjcmV0\r\nProxy-Connection: keep-alive\r\n" +
            "Connection: keep-alive, X-Drop\r\nX-Drop: 1\r\nX-Keep: 2\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", answer, StringComparison.Ordinal);
        Assert.Contains($"Proxy-Authorization=|Proxy-Connection=|X-Drop=|X-Keep=2|Host={url.Authority}", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_body_is_forwarded()
    {
        await using var proxy = Proxy(allowPrivate: true);

        var (_, output, error) = await RunAsync("curl", "-sS", "-x", proxy.Url.ToString(), "--data-binary", "a=1&b=2", _site.Url("/echo").ToString());

        Assert.True(output == "got a=1&b=2", error);
    }

    [Fact]
    public async Task A_client_that_never_sends_its_request_is_answered_408()
    {
        await using var proxy = Proxy(allowPrivate: true, new EgressProxyLimits(HeadTimeout: TimeSpan.FromMilliseconds(300)));
        using var client = new TcpClient();
        await client.ConnectAsync(proxy.Url.Host, proxy.Url.Port);

        var answer = await ReadToEndAsync(client.GetStream());

        Assert.StartsWith("HTTP/1.1 408 Request Timeout\r\n", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_request_head_is_answered_400()
    {
        await using var proxy = Proxy(allowPrivate: true, new EgressProxyLimits(MaxHeadBytes: 1024));

        var answer = await RawAsync(proxy.Url, $"GET {_site.Url("/hello")} HTTP/1.1\r\nX-Big: {new string('a', 2000)}\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", answer, StringComparison.Ordinal);
        Assert.Empty(_site.Requests);
    }

    [Fact]
    public async Task Connections_over_the_limit_are_answered_503()
    {
        await using var proxy = Proxy(allowPrivate: true, new EgressProxyLimits(MaxConnections: 1));
        using var holder = new TcpClient();
        await holder.ConnectAsync(proxy.Url.Host, proxy.Url.Port);
        await holder.GetStream().WriteAsync(Encoding.Latin1.GetBytes("GET "));
        await Task.Delay(200); // let the proxy accept and count the first connection

        var answer = await RawAsync(proxy.Url, $"GET {_site.Url("/hello")} HTTP/1.1\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 503 Service Unavailable\r\n", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idle_tunnel_is_closed()
    {
        await using var proxy = Proxy(allowPrivate: true, new EgressProxyLimits(IdleTimeout: TimeSpan.FromMilliseconds(500)));
        var authority = $"127.0.0.1:{_site.BaseUrl.Port}";
        using var client = new TcpClient();
        await client.ConnectAsync(proxy.Url.Host, proxy.Url.Port);
        await client.GetStream().WriteAsync(Encoding.Latin1.GetBytes($"CONNECT {authority} HTTP/1.1\r\n\r\n"));

        var answer = await ReadToEndAsync(client.GetStream());

        Assert.Equal("HTTP/1.1 200 Connection established\r\n\r\n", answer);
    }

    [Fact]
    public async Task A_server_that_closes_without_answering_is_reported_as_502()
    {
        await using var proxy = Proxy(allowPrivate: true);
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            using var accepted = await server.AcceptSocketAsync();
            await accepted.ReceiveAsync(new byte[4096]);
        });

        var answer = await RawAsync(proxy.Url, $"GET http://127.0.0.1:{port}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        await serving;

        Assert.StartsWith("HTTP/1.1 502 Bad Gateway\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("the server closed the connection without answering", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_reported_as_504()
    {
        await using var proxy = Proxy(allowPrivate: true, new EgressProxyLimits(IdleTimeout: TimeSpan.FromMilliseconds(500)));
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;

        var answer = await RawAsync(proxy.Url, $"GET http://127.0.0.1:{port}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 504 Gateway Timeout\r\n", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_path_and_query_are_forwarded_exactly_as_written()
    {
        await using var proxy = Proxy(allowPrivate: true);
        var target = "/raw?sig=a%2Fb%7Ec&x=%41";

        var answer = await RawAsync(proxy.Url, $"GET {_site.BaseUrl.ToString().TrimEnd('/')}{target}#frag HTTP/1.1\r\nHost: {_site.BaseUrl.Authority}\r\n\r\n");

        Assert.Contains("raw " + target, answer, StringComparison.Ordinal);
    }
}
