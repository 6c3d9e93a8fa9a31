namespace VideoBot.Host.Network;

/// <summary>
/// A plugin's <c>permissions.network</c>, checked on every hop against the host the plugin asked for (before any origin
/// override), so an override never widens what a plugin may reach.
/// </summary>
internal sealed class PermissionHandler(string pluginId, HostPermissions permissions) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (!permissions.Allows(uri))
        {
            throw new NetworkPolicyException($"plugin '{pluginId}' may not reach {UrlText.Host(uri)}: not in permissions.network");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
