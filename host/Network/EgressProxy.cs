using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Network;

/// <summary>
/// An HTTP forward proxy on 127.0.0.1 for child processes (yt-dlp <c>--proxy</c>, ffmpeg <c>-http_proxy</c>), which fetch on their
/// own where the gateway cannot see: plain-HTTP requests and CONNECT tunnels, each target judged by the gateway's scheme and address
/// rules. It starts on first use of <see cref="Url"/>. It applies no host allow-list: yt-dlp serves many sites, and its generic
/// extractor's SSRF risk is about addresses, which are checked.
/// </summary>
internal sealed class EgressProxy : IAsyncDisposable
{
    private readonly SafeConnector _connector;
    private readonly EgressProxyLimits _limits;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private Uri? _url;
    private int _active;
    private bool _disposed;

    public EgressProxy(IOptions<NetworkOptions> options, ILoggerFactory loggerFactory)
        : this(
            new SafeConnector(new AddressPolicy(options.Value.AllowPrivateAddresses), TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds),
                loggerFactory.CreateLogger("VideoBot.Network")),
            new EgressProxyLimits(),
            loggerFactory.CreateLogger("VideoBot.Network.EgressProxy"))
    {
    }

    internal EgressProxy(SafeConnector connector, EgressProxyLimits limits, ILogger logger)
    {
        _connector = connector;
        _limits = limits;
        _logger = logger;
    }

    /// <summary>The proxy's URL (<c>http://127.0.0.1:port</c>); the first call starts it.</summary>
    public Uri Url
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_url is null)
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start(backlog: 128);
                    _listener = listener;
                    _url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
                    _acceptLoop = Task.Run(() => AcceptLoopAsync(listener));
                    NetworkLog.ProxyStarted(_logger, _url);
                }

                return _url;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        await Task.WhenAny(Task.WhenAll(_connections.Keys), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of file descriptors and the like: pause rather than spin.
                NetworkLog.ProxyConnectionFailed(_logger, e);
                await Task.Delay(100).ConfigureAwait(false);
                continue;
            }

            if (Interlocked.Increment(ref _active) > _limits.MaxConnections)
            {
                Interlocked.Decrement(ref _active);
                NetworkLog.ProxyBusy(_logger, _limits.MaxConnections);
                Track(RefuseBusyAsync(socket));
                continue;
            }

            var connection = new EgressProxyConnection(socket, _connector, _limits, _logger);
            Track(Task.Run(async () =>
            {
                try
                {
                    await connection.RunAsync(_stopping.Token).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref _active);
                }
            }));
        }
    }

    private void Track(Task task)
    {
        _connections[task] = true;
        _ = task.ContinueWith(t => _connections.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static async Task RefuseBusyAsync(Socket socket)
    {
        try
        {
            await socket.SendAsync(Encoding.Latin1.GetBytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
                .ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // The client left already.
        }

        await GracefulClose.CloseAsync(socket).ConfigureAwait(false);
    }
}
