using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VideoBot.FakeTelegram.Api;
using VideoBot.FakeTelegram.Updates;

namespace VideoBot.FakeTelegram.Methods;

/// <summary>getUpdates (long polling) and the webhook methods.</summary>
internal sealed partial class UpdateMethods(FakeContext context)
{
    private static readonly HashSet<string> UpdateTypes =
    [
        "message", "edited_message", "channel_post", "edited_channel_post", "business_connection", "business_message",
        "edited_business_message", "deleted_business_messages", "message_reaction", "message_reaction_count", "inline_query",
        "chosen_inline_result", "callback_query", "shipping_query", "pre_checkout_query", "purchased_paid_media", "poll",
        "poll_answer", "my_chat_member", "chat_member", "chat_join_request", "chat_boost", "removed_chat_boost",
    ];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretTokenPattern();

    public async Task<ApiResult> GetUpdatesAsync(ApiCall call)
    {
        var p = call.Parameters;
        if (context.Webhook.Config is not null)
        {
            throw ApiErrors.WebhookActive();
        }

        if (AllowedUpdatesOf(p) is { } allowed)
        {
            context.Updates.SetAllowed(allowed);
        }

        var limit = Math.Clamp(p.Int("limit") ?? 100, 1, 100);
        var timeout = TimeSpan.FromSeconds(Math.Clamp(p.Long("timeout") ?? 0, 0, 50));
        var poll = context.Updates.BeginPoll();
        try
        {
            if (p.Long("offset") is { } offset)
            {
                context.Updates.Confirm(offset);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(poll.Token, call.Aborted);
            var deadline = context.Options.Clock.GetUtcNow() + timeout;
            while (true)
            {
                var updates = context.Updates.Peek(limit);
                var remaining = deadline - context.Options.Clock.GetUtcNow();
                if (updates.Count > 0 || remaining <= TimeSpan.Zero)
                {
                    return new ApiResult(new JsonArray([.. updates.Select(u => u.Json.DeepClone())]));
                }

                try
                {
                    await context.Updates.WaitForChangeAsync(remaining, linked.Token);
                }
                catch (TimeoutException)
                {
                    // Time is up: the loop answers with what there is (usually nothing).
                }
                catch (OperationCanceledException) when (poll.IsCancellationRequested && !call.Aborted.IsCancellationRequested)
                {
                    throw ApiErrors.TerminatedByOtherGetUpdates();
                }

                if (context.Webhook.Config is not null)
                {
                    throw ApiErrors.WebhookActive();
                }
            }
        }
        finally
        {
            context.Updates.EndPoll(poll);
        }
    }

    public Task<ApiResult> SetWebhookAsync(ApiCall call)
    {
        var p = call.Parameters;
        var url = p.String("url") ?? "";
        if (url.Length == 0)
        {
            // setWebhook with an empty URL is how the API was first told to remove a webhook.
            return DeleteWebhookAsync(call);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw ApiErrors.BadRequest("bad webhook: Failed to resolve host: Name or service not known");
        }

        var secret = p.String("secret_token");
        if (secret is { Length: > 0 } && !SecretTokenPattern().IsMatch(secret))
        {
            throw ApiErrors.SecretTokenUnallowed();
        }

        var maxConnections = p.Int("max_connections") ?? 40;
        if (maxConnections is < 1 or > 100)
        {
            throw ApiErrors.BadRequest("max_connections must be between 1 and 100");
        }

        var allowed = AllowedUpdatesOf(p);
        if (allowed is not null)
        {
            context.Updates.SetAllowed(allowed);
        }

        if (p.Bool("drop_pending_updates"))
        {
            context.Updates.Clear();
        }

        var same = context.Webhook.Config is { } current && current.Url == url && current.SecretToken == (secret is { Length: > 0 } ? secret : null);
        context.Webhook.Set(new WebhookConfig(url, secret is { Length: > 0 } ? secret : null, maxConnections, allowed ?? context.Updates.AllowedUpdates));
        return Task.FromResult(ApiResult.True(same ? "Webhook is already set" : "Webhook was set"));
    }

    public Task<ApiResult> DeleteWebhookAsync(ApiCall call)
    {
        if (call.Parameters.Bool("drop_pending_updates"))
        {
            context.Updates.Clear();
        }

        var had = context.Webhook.Delete();
        return Task.FromResult(ApiResult.True(had ? "Webhook was deleted" : "Webhook is already deleted"));
    }

    public Task<ApiResult> GetWebhookInfoAsync(ApiCall call) => Task.FromResult(new ApiResult(context.Webhook.Info()));

    private static IReadOnlyList<string>? AllowedUpdatesOf(ApiParameters p)
    {
        if (p.Json("allowed_updates") is not JsonArray array)
        {
            return null;
        }

        // Telegram ignores names it does not know rather than failing.
        return [.. array.Select(n => n?.GetValue<string>()).OfType<string>().Where(UpdateTypes.Contains).Distinct()];
    }
}
