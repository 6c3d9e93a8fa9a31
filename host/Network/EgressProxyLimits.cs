namespace VideoBot.Host.Network;

/// <summary>Bounds on the egress proxy, so a stuck or hostile child process cannot exhaust the host.</summary>
/// <param name="MaxConnections">Client connections served at once; more are answered 503. Default 128.</param>
/// <param name="MaxHeadBytes">Largest request or response head (request line and headers). Default 32 KB.</param>
/// <param name="HeadTimeout">Time a client has to send its request head. Default 15 s.</param>
/// <param name="IdleTimeout">A tunnel or forwarded exchange with no bytes either way for this long is closed. Default 2 min.</param>
/// <param name="BufferBytes">Copy buffer per direction. Default 16 KB.</param>
internal sealed record EgressProxyLimits(
    int MaxConnections = 128,
    int MaxHeadBytes = 32 * 1024,
    TimeSpan? HeadTimeout = null,
    TimeSpan? IdleTimeout = null,
    int BufferBytes = 16 * 1024)
{
    public TimeSpan HeadTimeoutValue => HeadTimeout ?? TimeSpan.FromSeconds(15);
    public TimeSpan IdleTimeoutValue => IdleTimeout ?? TimeSpan.FromMinutes(2);
}
