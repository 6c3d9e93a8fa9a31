using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using VideoBot.Host.Configuration;
using VideoBot.Host.Jobs;
using VideoBot.Host.Telegram.Dispatch;

namespace VideoBot.Host.Telegram.Hosting;

/// <summary>
/// The webhook (webhook mode): a POST on the path of <c>Telegram:WebhookUrl</c>. A request without the right
/// <c>X-Telegram-Bot-Api-Secret-Token</c> gets 401 and nothing is read or done; a good one is queued and acknowledged as soon as
/// it is handled (a link's job stored, not done), since Telegram resends updates that take too long to answer; 503 when it
/// could not be stored, so Telegram sends it again.
/// </summary>
internal static class WebhookEndpoint
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>How long a webhook request waits for its update to be handled; Telegram gives up on a webhook after about 60 s.</summary>
    private static readonly TimeSpan HandlingTimeout = TimeSpan.FromSeconds(30);

    public static IEndpointRouteBuilder MapTelegramWebhook(this IEndpointRouteBuilder app, TelegramOptions options)
    {
        var path = new Uri(options.WebhookUrl!).AbsolutePath;
        app.MapPost(path, HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, UpdateQueue queue, IOptions<TelegramOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(WebhookEndpoint).FullName!);
        if (!SecretMatches(context.Request.Headers[SecretHeader].ToString(), options.Value.WebhookSecret))
        {
            TelegramLog.WebhookRejected(logger, context.Connection.RemoteIpAddress?.ToString());
            return Results.Unauthorized();
        }

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(context.Request.Body, JsonBotAPI.Options, context.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (update is null)
        {
            return Results.BadRequest();
        }

        if (queue.TryEnqueue(update) is not { } handled)
        {
            TelegramLog.QueueFull(logger, update.Id);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        try
        {
            // Acknowledge only once the update's job is stored: a 2xx tells Telegram to forget it.
            await handled.WaitAsync(HandlingTimeout, context.RequestAborted);
        }
        catch (Exception e) when (e is JobStoreException or TimeoutException)
        {
            TelegramLog.UpdateNotStored(logger, update.Id);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The handler failed for another reason (logged): a resend would fail the same way.
        }

        return Results.Ok();
    }

    /// <summary>Compares in constant time, so the secret cannot be guessed byte by byte from response times.</summary>
    public static bool SecretMatches(string? given, string? expected)
    {
        if (string.IsNullOrEmpty(given) || string.IsNullOrEmpty(expected))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
    }
}
