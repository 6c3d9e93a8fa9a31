using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Scripting;

/// <summary>A fixture site that plays a video site for scripts: a realistic page, an API, a slow route, a big one, an echo.</summary>
internal static class ScriptFixtureSite
{
    public const string Page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Sunset over the bay - ExampleTube</title>
          <meta property="og:title" content="Sunset over the bay">
          <meta property="og:title" content="A second og:title that must lose">
          <meta property="og:video" content="https://cdn.example.com/v/abc123/720.mp4">
          <meta property="og:image" content="https://cdn.example.com/t/abc123.jpg">
          <meta name="twitter:card" content="player">
          <meta name="description" content="Filmed from the pier &amp; the hill.">
          <script type="application/ld+json">
          {"@context":"https://schema.org","@graph":[
            {"@type":"VideoObject","name":"Sunset over the bay","duration":"PT1M5S","contentUrl":"https://cdn.example.com/v/abc123/1080.mp4","uploadDate":"2024-05-01T18:30:00Z"},
            {"@type":"BreadcrumbList","itemListElement":[]}
          ]}
          </script>
          <script type="application/ld+json">{ this is not json }</script>
          <script type="application/ld+json">[{"@type":"Person","name":"Ada"}]</script>
        </head>
        <body>
          <div id="player" data-id="abc123">
            <video poster="https://cdn.example.com/t/abc123.jpg">
              <source src="https://cdn.example.com/v/abc123/480.mp4" type="video/mp4" data-height="480">
              <source src="https://cdn.example.com/v/abc123/720.mp4" type="video/mp4" data-height="720">
            </video>
          </div>
          <p class="uploader">by <b>Ada</b></p>
          <script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"video":{"id":"abc123","width":1280,"height":720}}}}</script>
          <script>
            window.dataLayer = [];
            window.__INITIAL_STATE__ = {"video":{"id":"abc123","likes":42,"tags":["sea","sun"]}};window.__OTHER__ = 1;
          </script>
        </body>
        </html>
        """;

    public static Task<FixtureSite> StartAsync() => FixtureSite.StartAsync(app =>
    {
        app.MapGet("/watch/abc123", () => Results.Content(Page, "text/html; charset=utf-8"));
        app.MapGet("/api/video/{id}", (string id) => Results.Json(new { id, title = "Sunset over the bay", durationSeconds = 65, height = 720 }));
        app.MapGet("/api/missing", () => Results.Json(new { error = "gone" }, statusCode: 404));
        app.MapGet("/api/busy", (HttpContext context) =>
        {
            // A Retry-After date two minutes after the answer's own Date: the wait is 120 s whatever the clocks say.
            context.Response.Headers.Date = "Fri, 04 Dec 2026 22:00:00 GMT";
            context.Response.Headers.RetryAfter = "Fri, 04 Dec 2026 22:02:00 GMT";
            return Results.Text("<html>slow down</html>", "text/html", statusCode: 429);
        });
        app.MapGet("/text", () => Results.Text("<html>not json</html>", "text/html"));
        app.MapGet("/slow", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
            return Results.Text("late");
        });
        app.MapGet("/delay/{ms:int}", async (int ms, HttpContext context) =>
        {
            await Task.Delay(ms, context.RequestAborted);
            return Results.Text($"after {ms} ms");
        });
        app.MapGet("/big", () => Results.Text(new string('x', 256 * 1024)));
        app.MapPost("/echo", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            return Results.Json(new
            {
                method = context.Request.Method,
                contentType = context.Request.ContentType,
                custom = context.Request.Headers["X-Custom"].ToString(),
                body,
            });
        });
    });
}
