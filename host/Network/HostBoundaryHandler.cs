namespace VideoBot.Host.Network;

/// <summary>
/// The outermost handler of the host's client: a refusal raised inside the socket handler's connect step arrives wrapped in a
/// generic <see cref="HttpRequestException"/>; this surfaces the <see cref="NetworkPolicyException"/> itself so callers can tell
/// "refused by rule" from "the network failed".
/// </summary>
internal sealed class HostBoundaryHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e is not NetworkPolicyException && NetworkPolicyException.Find(e) is { } policy)
        {
            throw policy;
        }
    }
}
