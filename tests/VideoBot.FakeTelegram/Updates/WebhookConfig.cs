namespace VideoBot.FakeTelegram.Updates;

/// <summary>The webhook as setWebhook set it.</summary>
internal sealed record WebhookConfig(string Url, string? SecretToken, int MaxConnections, IReadOnlyList<string>? AllowedUpdates);
