using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace VideoBot.Host.Network;

/// <summary>
/// Resolves a host, checks every address it resolves to, and connects only to those checked addresses: the same lookup
/// decides and connects, so a DNS answer that changes between check and connect (rebinding) cannot sneak in a private address.
/// Shared by the gateway's socket handler and the egress proxy.
/// </summary>
internal sealed class SafeConnector(AddressPolicy policy, TimeSpan connectTimeout, ILogger logger)
{
    public AddressPolicy Policy { get; } = policy;

    /// <summary>
    /// Connects to <paramref name="host"/>:<paramref name="port"/>. <paramref name="target"/> names the request in refusal messages.
    /// Throws <see cref="NetworkPolicyException"/> when any resolved address is forbidden (a name that resolves to both a public and a
    /// private address is refused: mixing them is a rebinding trick), <see cref="SocketException"/> when DNS or every connect fails.
    /// </summary>
    public async Task<Socket> ConnectAsync(string host, int port, string target, CancellationToken cancellationToken)
    {
        var name = UrlText.NormalizeHost(host);
        var addresses = IPAddress.TryParse(name, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(name, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        foreach (var address in addresses)
        {
            if (Policy.IsForbidden(address))
            {
                var reason = Refusal(target, name, literal is not null, address);
                NetworkLog.ConnectionRefused(logger, reason);
                throw new NetworkPolicyException(reason);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw new TimeoutException($"connecting to {name}:{port} took longer than {connectTimeout.TotalSeconds:0.#} s");
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private string Refusal(string target, string host, bool isLiteral, IPAddress address)
    {
        var what = AddressPolicy.Describe(AddressPolicy.Classify(address));
        var subject = isLiteral ? $"{address} is {what}" : $"{host} resolves to {address}, {what},";
        return Policy.AllowPrivateAddresses
            ? $"refused {target}: {subject} which no request may reach"
            : $"refused {target}: {subject} and Network:AllowPrivateAddresses is false";
    }
}
