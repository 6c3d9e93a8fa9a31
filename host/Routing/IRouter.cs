namespace VideoBot.Host.Routing;

/// <summary>Normalizes a URL and finds the plugins that claim it, best first.</summary>
internal interface IRouter
{
    RouteResult Route(string url);
}
