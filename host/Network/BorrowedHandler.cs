namespace VideoBot.Host.Network;

/// <summary>
/// Ends a client's handler chain in a handler it does not own: the gateway's one shared socket handler (disposing a plugin's
/// client must not close every pooled connection) or a caller's replay transport.
/// </summary>
internal sealed class BorrowedHandler(HttpMessageHandler handler) : HttpMessageHandler
{
    private readonly HttpMessageInvoker _invoker = new(handler, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _invoker.SendAsync(request, cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _invoker.Send(request, cancellationToken);
}
