using System.Net.Sockets;

namespace VideoBot.Host.Network;

/// <summary>
/// Closing a socket that still has unread bytes makes the kernel send a reset, and a reset can overtake the answer we just
/// wrote (the client then sees "connection reset" instead of our 403/503). So: stop sending, read what is left for a moment, then close.
/// </summary>
internal static class GracefulClose
{
    private const int MaxDrainBytes = 64 * 1024;
    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(1);

    public static async Task CloseAsync(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
            using var timeout = new CancellationTokenSource(DrainTime);
            var buffer = new byte[4096];
            var drained = 0;
            int n;
            while (drained < MaxDrainBytes && (n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false)) > 0)
            {
                drained += n;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing anyway.
        }
        finally
        {
            socket.Dispose();
        }
    }
}
