using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using VideoBot.FakeTelegram;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.FakeTelegram;

public sealed class Webhook_mode : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string? Secret, JsonNode Update)> _received = new();
    private int _failuresLeft = 2;
    private FakeBotApiServer _server = null!;
    private FixtureSite _site = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { WebhookFirstRetryDelay = TimeSpan.FromMilliseconds(50), WebhookMaxAttempts = 4 });
        _site = await FixtureSite.StartAsync(app =>
        {
            app.MapPost("/hook", async (HttpRequest request) =>
            {
                _received.Enqueue((request.Headers["X-Telegram-Bot-Api-Secret-Token"].FirstOrDefault(), (await JsonNode.ParseAsync(request.Body))!));
                return Results.Ok();
            });
            app.MapPost("/flaky", async (HttpRequest request) =>
            {
                if (Interlocked.Decrement(ref _failuresLeft) >= 0)
                {
                    return Results.StatusCode(500);
                }

                _received.Enqueue((null, (await JsonNode.ParseAsync(request.Body))!));
                return Results.Ok();
            });
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task Updates_are_posted_to_the_webhook_with_the_secret_header()
    {
        var bot = FakeTelegramClient.For(_server);
        var user = _server.AddUser("Gus");
        var chat = _server.PrivateChat(user);

        await bot.SetWebhook(_site.Url("/hook").ToString(), secretToken: "s3cr3t_token-1", allowedUpdates: [UpdateType.Message]);
        var message = _server.SendUserMessage(chat, user, "https://example.com/watch/1");
        await _server.WaitForAsync(() => _received.IsEmpty ? null : _received, what: "a webhook delivery");

        var (secret, update) = Assert.Single(_received);
        Assert.Equal("s3cr3t_token-1", secret);
        Assert.Equal(message.MessageId, update["message"]!["message_id"]!.GetValue<long>());
        Assert.Equal("https://example.com/watch/1", update["message"]!["text"]!.GetValue<string>());
        var info = await bot.GetWebhookInfo();
        Assert.Equal(_site.Url("/hook").ToString(), info.Url);
        Assert.Equal([UpdateType.Message], info.AllowedUpdates);
        await _server.WaitForAsync(() => _server.PendingUpdateCount == 0 ? "confirmed" : null, what: "the delivered update to be confirmed");
    }

    [Fact]
    public async Task GetUpdates_is_refused_with_409_while_a_webhook_is_set_and_works_again_after_deleteWebhook()
    {
        var bot = FakeTelegramClient.For(_server);
        await bot.SetWebhook(_site.Url("/hook").ToString());

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.GetUpdates());
        await bot.DeleteWebhook();
        var updates = await bot.GetUpdates();

        Assert.Equal(409, error.ErrorCode);
        Assert.Equal("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first", error.Message);
        Assert.Empty(updates);
        Assert.Null(_server.WebhookUrl);
    }

    [Fact]
    public async Task A_failing_webhook_is_retried_until_it_answers_2xx_and_the_error_is_reported()
    {
        var bot = FakeTelegramClient.For(_server);
        var user = _server.AddUser();
        await bot.SetWebhook(_site.Url("/flaky").ToString());

        _server.SendUserMessage(_server.PrivateChat(user), user, "retry me");
        await _server.WaitForAsync(() => _received.IsEmpty ? null : _received, what: "the delivery after retries");
        var info = await bot.GetWebhookInfo();

        Assert.Equal([500, 500, 200], _server.WebhookDeliveries.Select(d => d.StatusCode));
        Assert.Equal([1, 2, 3], _server.WebhookDeliveries.Select(d => d.Attempt));
        Assert.Equal("retry me", _received.Single().Update["message"]!["text"]!.GetValue<string>());
        Assert.Equal("Wrong response from the webhook: 500 Internal Server Error", info.LastErrorMessage);
        Assert.NotNull(info.LastErrorDate);
    }

    [Fact]
    public async Task A_secret_token_with_unallowed_characters_is_refused()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() =>
            FakeTelegramClient.For(_server).SetWebhook(_site.Url("/hook").ToString(), secretToken: "not/base64+="));

        Assert.Equal("Bad Request: secret token contains unallowed characters", error.Message);
        Assert.Null(_server.WebhookUrl);
    }

    [Fact]
    public async Task Drop_pending_updates_forgets_what_was_queued()
    {
        var user = _server.AddUser();
        _server.SendUserMessage(_server.PrivateChat(user), user, "old news");

        await FakeTelegramClient.For(_server).SetWebhook(_site.Url("/hook").ToString(), dropPendingUpdates: true);
        await Task.Delay(300);

        Assert.Empty(_received);
        Assert.Equal(0, _server.PendingUpdateCount);
    }
}
