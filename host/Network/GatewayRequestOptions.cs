namespace VideoBot.Host.Network;

/// <summary>Per-request switches for gateway clients, set on <see cref="HttpRequestMessage.Options"/>.</summary>
internal static class GatewayRequestOptions
{
    /// <summary>
    /// False returns a 3xx response as it is instead of following it (script <c>redirect: "manual"</c>, short-link checks that
    /// inspect each hop). Default true.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> FollowRedirects = new("VideoBot.FollowRedirects");
}
