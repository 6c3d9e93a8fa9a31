using System.Buffers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Network;

/// <summary>
/// One client connection to the egress proxy: either a CONNECT tunnel or one plain-HTTP request in absolute form. The target
/// is judged by the same scheme and address rules as the gateway (resolve, check, connect to the checked address), and the
/// upstream socket is fixed once chosen, so nothing sent later on the connection can reach another host.
/// </summary>
internal sealed class EgressProxyConnection(Socket client, SafeConnector connector, EgressProxyLimits limits, ILogger logger)
{
    // Hop-by-hop headers (RFC 9110 §7.6.1) and the proxy's own; Upgrade is dropped because every exchange is closed after one response.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "Proxy-Authenticate", "TE", "Upgrade",
    };

    public async Task RunAsync(CancellationToken stopping)
    {
        var clientStream = new NetworkStream(client, ownsSocket: false);
        try
        {
            var head = await ReadRequestHeadAsync(clientStream, stopping).ConfigureAwait(false);
            if (head is null)
            {
                return;
            }

            var parts = head.StartLine.Split(' ');
            if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            {
                await RespondAsync(clientStream, 400, "Bad Request", "malformed request line", stopping).ConfigureAwait(false);
                return;
            }

            if (parts[0] == "CONNECT")
            {
                await TunnelAsync(clientStream, head, parts[1], stopping).ConfigureAwait(false);
            }
            else
            {
                await ForwardAsync(clientStream, head, parts[0], parts[1], parts[2], stopping).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException or OperationCanceledException or ObjectDisposedException)
        {
            NetworkLog.ProxyConnectionFailed(logger, e);
        }
        finally
        {
            await clientStream.DisposeAsync().ConfigureAwait(false);
            await GracefulClose.CloseAsync(client).ConfigureAwait(false);
        }
    }

    private async Task<ProxyHead?> ReadRequestHeadAsync(NetworkStream clientStream, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(limits.HeadTimeoutValue);
        try
        {
            return await ProxyHead.ReadAsync(clientStream, limits.MaxHeadBytes, timeout.Token).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            await RespondAsync(clientStream, 400, "Bad Request", e.Message, stopping).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            await RespondAsync(clientStream, 408, "Request Timeout", "the request head did not arrive in time", stopping).ConfigureAwait(false);
            return null;
        }
    }

    private async Task TunnelAsync(NetworkStream clientStream, ProxyHead head, string authority, CancellationToken stopping)
    {
        // CONNECT's target is host:port and nothing else (no scheme, path or credentials).
        if (!Uri.TryCreate("http://" + authority, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.PathAndQuery != "/"
            || !authority.EndsWith(":" + uri.Port, StringComparison.Ordinal) || uri.IdnHost.Length == 0)
        {
            await RespondAsync(clientStream, 400, "Bad Request", $"CONNECT needs host:port, not '{authority}'", stopping).ConfigureAwait(false);
            return;
        }

        using var upstream = await ConnectAsync(clientStream, uri.IdnHost, uri.Port, $"CONNECT {authority}", stopping).ConfigureAwait(false);
        if (upstream is null)
        {
            return;
        }

        await using var upstreamStream = new NetworkStream(upstream, ownsSocket: false);
        await clientStream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), stopping).ConfigureAwait(false);
        await upstreamStream.WriteAsync(head.Rest, stopping).ConfigureAwait(false);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        idle.CancelAfter(limits.IdleTimeoutValue);
        var up = CopyAsync(clientStream, upstreamStream, upstream, idle);
        var down = CopyAsync(upstreamStream, clientStream, client, idle);
        await WhenBothAsync(up, down, idle).ConfigureAwait(false);
    }

    private async Task ForwardAsync(NetworkStream clientStream, ProxyHead head, string method, string target, string version, CancellationToken stopping)
    {
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri))
        {
            await RespondAsync(clientStream, 400, "Bad Request", "a proxy request needs an absolute http:// URL", stopping).ConfigureAwait(false);
            return;
        }

        try
        {
            RequestRulesHandler.Check(uri);
        }
        catch (NetworkPolicyException e)
        {
            await RefuseAsync(clientStream, UrlText.Of(uri), e.Message, stopping).ConfigureAwait(false);
            return;
        }

        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            await RespondAsync(clientStream, 400, "Bad Request", "https goes through CONNECT", stopping).ConfigureAwait(false);
            return;
        }

        using var upstream = await ConnectAsync(clientStream, uri.IdnHost, uri.Port, UrlText.Of(uri), stopping).ConfigureAwait(false);
        if (upstream is null)
        {
            return;
        }

        await using var upstreamStream = new NetworkStream(upstream, ownsSocket: false);
        var listed = ConnectionListed(head.Header("Connection"));
        var keep = (string name) => !HopByHop.Contains(name) && !listed.Contains(name);
        var path = RawPathAndQuery(target);
        var requestHead = head.Header("Host") is null
            ? head.Write($"{method} {path} {version}", keep, $"Host: {uri.Authority}", "Connection: close")
            : head.Write($"{method} {path} {version}", keep, "Connection: close");
        await upstreamStream.WriteAsync(requestHead, stopping).ConfigureAwait(false);
        await upstreamStream.WriteAsync(head.Rest, stopping).ConfigureAwait(false);

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        idle.CancelAfter(limits.IdleTimeoutValue);
        // The request body keeps flowing while the response head is awaited: a server may answer only after the whole body.
        var up = CopyAsync(clientStream, upstreamStream, upstream, idle);
        var response = await ReadResponseHeadAsync(clientStream, upstreamStream, UrlText.Of(uri), idle, stopping).ConfigureAwait(false);
        if (response is null)
        {
            await idle.CancelAsync().ConfigureAwait(false);
            await Quietly(up).ConfigureAwait(false);
            return;
        }

        var responseListed = ConnectionListed(response.Header("Connection"));
        var responseHead = response.Write(response.StartLine, name => !HopByHop.Contains(name) && !responseListed.Contains(name), "Connection: close");
        await clientStream.WriteAsync(responseHead, idle.Token).ConfigureAwait(false);
        await clientStream.WriteAsync(response.Rest, idle.Token).ConfigureAwait(false);
        await CopyAsync(upstreamStream, clientStream, client, idle).ConfigureAwait(false);

        // The response is complete (the server closes after one, as asked): whatever the client still sends has nowhere to go.
        await idle.CancelAsync().ConfigureAwait(false);
        await Quietly(up).ConfigureAwait(false);
    }

    /// <summary>The server's response head, or null after answering the client with 502/504 because there is none to pass on.</summary>
    private async Task<ProxyHead?> ReadResponseHeadAsync(
        NetworkStream clientStream, NetworkStream upstreamStream, string target, CancellationTokenSource idle, CancellationToken stopping)
    {
        string failure;
        try
        {
            var head = await ProxyHead.ReadAsync(upstreamStream, limits.MaxHeadBytes, idle.Token).ConfigureAwait(false);
            if (head is not null)
            {
                return head;
            }

            failure = "the server closed the connection without answering";
        }
        catch (InvalidDataException e)
        {
            failure = $"the server's answer is not valid HTTP: {e.Message}";
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            await RespondAsync(clientStream, 504, "Gateway Timeout", $"{target}: no answer within {limits.IdleTimeoutValue.TotalSeconds:0.#} s", stopping)
                .ConfigureAwait(false);
            return null;
        }

        await RespondAsync(clientStream, 502, "Bad Gateway", $"{target}: {failure}", stopping).ConfigureAwait(false);
        return null;
    }

    /// <summary>The checked upstream socket, or null after answering the client with the refusal or failure.</summary>
    private async Task<Socket?> ConnectAsync(NetworkStream clientStream, string host, int port, string target, CancellationToken stopping)
    {
        try
        {
            return await connector.ConnectAsync(host, port, target, stopping).ConfigureAwait(false);
        }
        catch (NetworkPolicyException e)
        {
            await RefuseAsync(clientStream, target, e.Message, stopping).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            await RespondAsync(clientStream, 502, "Bad Gateway", $"{target}: {e.Message}", stopping).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            await RespondAsync(clientStream, 504, "Gateway Timeout", $"{target}: {e.Message}", stopping).ConfigureAwait(false);
        }

        return null;
    }

    private async Task RefuseAsync(NetworkStream clientStream, string target, string reason, CancellationToken stopping)
    {
        NetworkLog.ProxyRefused(logger, target, reason);
        await RespondAsync(clientStream, 403, "Forbidden", reason, stopping).ConfigureAwait(false);
    }

    private static async Task RespondAsync(NetworkStream stream, int status, string reason, string message, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(message + "\n");
        var head = Encoding.Latin1.GetBytes(
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies until the source ends, then half-closes the destination so its reader sees the end too.</summary>
    private async Task CopyAsync(Stream from, Stream to, Socket toSocket, CancellationTokenSource idle)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(limits.BufferBytes);
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer.AsMemory(0, limits.BufferBytes), idle.Token).ConfigureAwait(false)) > 0)
            {
                idle.CancelAfter(limits.IdleTimeoutValue); // any traffic, either way, keeps the exchange alive
                await to.WriteAsync(buffer.AsMemory(0, n), idle.Token).ConfigureAwait(false);
            }

            toSocket.Shutdown(SocketShutdown.Send);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Waits for both directions; when one fails the other is stopped rather than left to its idle timeout.</summary>
    private static async Task WhenBothAsync(Task up, Task down, CancellationTokenSource idle)
    {
        var first = await Task.WhenAny(up, down).ConfigureAwait(false);
        if (first.IsFaulted || first.IsCanceled)
        {
            await idle.CancelAsync().ConfigureAwait(false);
        }

        await Quietly(up).ConfigureAwait(false);
        await Quietly(down).ConfigureAwait(false);
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The exchange is over either way; the other direction's outcome is what the client sees.
        }
    }

    /// <summary>
    /// The path and query exactly as the client wrote them: <see cref="Uri"/> re-escapes some characters, which breaks signed CDN
    /// URLs. The fragment, never sent over the wire, is dropped.
    /// </summary>
    private static string RawPathAndQuery(string absoluteTarget)
    {
        var authorityStart = absoluteTarget.IndexOf("://", StringComparison.Ordinal) + 3;
        var start = absoluteTarget.IndexOfAny(['/', '?', '#'], authorityStart);
        var raw = start < 0 ? "" : absoluteTarget[start..];
        var fragment = raw.IndexOf('#', StringComparison.Ordinal);
        raw = fragment < 0 ? raw : raw[..fragment];
        return raw.StartsWith('/') ? raw : "/" + raw;
    }

    private static HashSet<string> ConnectionListed(string? connection) =>
        new((connection ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
}
