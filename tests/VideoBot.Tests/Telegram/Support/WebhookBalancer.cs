using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VideoBot.Tests.TelegramBot.Support;

/// <summary>
/// A load balancer in front of several bot instances' webhooks, on loopback: each update Telegram posts goes to the next
/// instance in turn, and then, once that one has answered, once more to another instance, as when Telegram resends an
/// update it thinks was lost and the balancer routes the resend elsewhere. The first instance's answer is Telegram's.
/// </summary>
internal sealed class WebhookBalancer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly IReadOnlyList<Uri> _targets;
    private int _next = -1;

    private WebhookBalancer(WebApplication app, IReadOnlyList<Uri> targets)
    {
        _app = app;
        _targets = targets;
    }

    /// <summary>Where Telegram should post: this balancer, on <paramref name="path"/>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>How the instances answered the repeated deliveries.</summary>
    public ConcurrentQueue<HttpStatusCode> RepeatAnswers { get; } = new();

    /// <summary>Starts a balancer that forwards POSTs on <paramref name="path"/> to the same path on each of <paramref name="targets"/>.</summary>
    public static async Task<WebhookBalancer> StartAsync(string path, IReadOnlyList<Uri> targets)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var balancer = new WebhookBalancer(app, targets);
        app.MapPost(path, (Delegate)((HttpContext context) => balancer.ForwardAsync(context, path)));
        await app.StartAsync();
        balancer.Url = new Uri(new Uri(app.Urls.First()), path);
        return balancer;
    }

    private async Task<IResult> ForwardAsync(HttpContext context, string path)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var secret = context.Request.Headers["X-Telegram-Bot-Api-Secret-Token"].ToString();
        var first = Interlocked.Increment(ref _next) % _targets.Count;
        var answer = await PostAsync(_targets[first], path, body.ToArray(), secret);
        var repeat = await PostAsync(_targets[(first + 1) % _targets.Count], path, body.ToArray(), secret);
        RepeatAnswers.Enqueue(repeat);
        return Results.StatusCode((int)answer);
    }

    private async Task<HttpStatusCode> PostAsync(Uri target, string path, byte[] body, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        try
        {
            using var response = await _http.SendAsync(request);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // An instance that is down: the balancer answers for it, as a real one would.
            return HttpStatusCode.BadGateway;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
    }
}
