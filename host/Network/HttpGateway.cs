using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Manifests;

namespace VideoBot.Host.Network;

/// <summary>
/// The one way out to the network. Every client shares one socket handler (one connection pool) that never follows redirects,
/// never uses an environment proxy, keeps no cookies, and connects only to addresses the <see cref="AddressPolicy"/> allows,
/// checked on the very addresses it connects to. Above it, per client:
/// <code>
/// host:   HostBoundary → Redirect → RequestRules →                          OriginOverride → sockets
/// plugin: PluginBoundary → Redirect → RequestRules → Permission → Cookies → OriginOverride → sockets (or the replay transport)
/// </code>
/// A plugin client's cookies are its own jar's (<see cref="PluginCookieJar"/>): one run's, never the pool's.
/// A replay transport never reaches a socket, so for it the address rule has nothing to judge, and origin overrides are not
/// applied (fixtures are recorded under the real URLs).
/// </summary>
internal sealed class HttpGateway : IHttpGateway, IDisposable
{
    private readonly NetworkOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly SocketsHttpHandler _sockets;
    private readonly Dictionary<string, Uri> _overrides;

    public HttpGateway(IOptions<NetworkOptions> options, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _loggerFactory = loggerFactory;
        _overrides = OriginOverrideHandler.Parse(_options.OriginOverrides);
        var timeout = TimeSpan.FromSeconds(_options.RequestTimeoutSeconds);
        Connector = new SafeConnector(new AddressPolicy(_options.AllowPrivateAddresses), timeout,
            loggerFactory.CreateLogger("VideoBot.Network"));
        _sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false, // a proxy would make the connect step judge the proxy's address, not the target's
            UseCookies = false, // one pool serves every plugin: cookies must not leak between them
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2), // pick up DNS changes; each new connection is checked again
            ConnectCallback = ConnectAsync,
        };
        Host = new HttpClient(Chain(new HostBoundaryHandler(), [], transport: null), disposeHandler: true);
        Host.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        Host.Timeout = TimeSpan.FromSeconds(100);
    }

    public HttpClient Host { get; }

    /// <summary>The address-checking connector, shared with the egress proxy.</summary>
    internal SafeConnector Connector { get; }

    public PluginHttpClient ForPlugin(PluginManifest manifest, HttpMessageHandler? transport = null, PluginCookieJar? cookies = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var maxBytes = (long)_options.MaxPluginResponseMb * 1024 * 1024;
        if (manifest.Limits.MaxResponseKb is > 0 and var kb)
        {
            maxBytes = Math.Min(maxBytes, (long)kb * 1024);
        }

        var boundary = new PluginBoundaryHandler(manifest.Id, maxBytes, TimeSpan.FromSeconds(_options.RequestTimeoutSeconds),
            _loggerFactory.CreateLogger("VideoBot.Plugins." + manifest.Id));
        var permissions = new HostPermissions(manifest.Permissions.Network);
        cookies ??= new PluginCookieJar(permissions);
        var chain = Chain(boundary, [new PermissionHandler(manifest.Id, permissions), new CookieHandler(cookies)], transport);
        var client = new PluginHttpClient(chain, cookies);
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        client.Timeout = Timeout.InfiniteTimeSpan; // the boundary's own timeout also covers the body and says which request it was
        return client;
    }

    public void Dispose()
    {
        Host.Dispose();
        _sockets.Dispose();
    }

    private HttpMessageHandler Chain(DelegatingHandler boundary, IReadOnlyList<DelegatingHandler> rules, HttpMessageHandler? transport)
    {
        List<DelegatingHandler> chain = [boundary, new RedirectHandler(_options.MaxRedirects), new RequestRulesHandler(), .. rules];
        if (transport is null && _overrides.Count > 0)
        {
            chain.Add(new OriginOverrideHandler(_overrides));
        }

        HttpMessageHandler inner = new BorrowedHandler(transport ?? _sockets);
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            chain[i].InnerHandler = inner;
            inner = chain[i];
        }

        return inner;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var target = UrlText.Of(context.InitialRequestMessage.RequestUri);
        Socket socket = await Connector.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, target, cancellationToken)
            .ConfigureAwait(false);
        return new NetworkStream(socket, ownsSocket: true);
    }
}
