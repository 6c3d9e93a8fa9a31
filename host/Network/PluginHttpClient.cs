namespace VideoBot.Host.Network;

/// <summary>A plugin's client for one run (<see cref="IHttpGateway.ForPlugin"/>), with the run's cookie jar.</summary>
internal sealed class PluginHttpClient(HttpMessageHandler handler, PluginCookieJar cookies) : HttpClient(handler, disposeHandler: true)
{
    /// <summary>The run's cookies: sent and stored by the client itself; readable by scripts with <c>http.cookies(url)</c>.</summary>
    public PluginCookieJar Cookies { get; } = cookies;
}
