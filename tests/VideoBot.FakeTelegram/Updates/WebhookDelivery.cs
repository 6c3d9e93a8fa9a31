namespace VideoBot.FakeTelegram.Updates;

/// <summary>One attempt to POST an update to the webhook, for tests to observe.</summary>
public sealed record WebhookDelivery(string Url, long UpdateId, int Attempt, int? StatusCode, string? SecretToken, string? Error);
