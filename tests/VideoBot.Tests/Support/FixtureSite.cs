using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VideoBot.Tests.Support;

/// <summary>
/// A real web server on 127.0.0.1 with a free port, playing a site: tests add routes (pages, API answers, media files)
/// and read <see cref="Requests"/> to see what the code under test fetched.
/// </summary>
public sealed class FixtureSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<string> _requests = [];

    private FixtureSite(WebApplication app) => _app = app;

    /// <summary>The site's origin, e.g. <c>http://127.0.0.1:43121</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Path and query of every request served, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get { lock (_requests) { return [.. _requests]; } }
    }

    /// <summary>Starts a site; <paramref name="configure"/> maps its routes (<c>app.MapGet(...)</c>).</summary>
    public static async Task<FixtureSite> StartAsync(Action<WebApplication> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var site = new FixtureSite(app);
        app.Use(async (context, next) =>
        {
            lock (site._requests)
            {
                site._requests.Add(context.Request.Path + context.Request.QueryString);
            }

            await next(context);
        });
        configure(app);
        await app.StartAsync();
        site.BaseUrl = new Uri(app.Urls.First());
        return site;
    }

    /// <summary>An absolute URL on this site.</summary>
    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    /// <summary>Serves a file with range support, as a CDN does.</summary>
    public static IResult File(string path, string contentType) => Results.File(path, contentType, enableRangeProcessing: true);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
