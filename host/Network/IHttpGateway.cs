using VideoBot.Host.Manifests;

namespace VideoBot.Host.Network;

/// <summary>
/// The only way the host and its plugins reach the network. Every client it hands out refuses non-http(s) schemes and,
/// unless <c>Network:AllowPrivateAddresses</c> is set, loopback, private, link-local and metadata addresses: after DNS
/// resolution and on every redirect.
/// </summary>
internal interface IHttpGateway
{
    /// <summary>For the host's own work (downloads, short links): the address and scheme rules, no host allow-list.</summary>
    HttpClient Host { get; }

    /// <summary>
    /// For one plugin: the address and scheme rules, plus the manifest's <c>permissions.network</c> on every hop, the response
    /// size cap and the request timeout, and a cookie jar of its own. <paramref name="transport"/> replaces the sockets (a fixture
    /// replay), under the same rules. <paramref name="cookies"/> shares a jar between clients of one run (the short-link resolver
    /// and the plugin); by default the client gets a new, empty jar scoped to the manifest's permissions.
    /// </summary>
    PluginHttpClient ForPlugin(PluginManifest manifest, HttpMessageHandler? transport = null, PluginCookieJar? cookies = null);
}
