namespace VideoBot.FakeTelegram.Api;

/// <summary>
/// An error answer of the Bot API: <c>{"ok":false,"error_code":N,"description":"...","parameters":{...}}</c>.
/// Method handlers throw it; the endpoint turns it into the JSON answer with the matching HTTP status.
/// </summary>
internal sealed class BotApiException(int errorCode, string description, int? retryAfter = null, long? migrateToChatId = null)
    : Exception(description)
{
    public int ErrorCode { get; } = errorCode;

    public string Description { get; } = description;

    public int? RetryAfter { get; } = retryAfter;

    public long? MigrateToChatId { get; } = migrateToChatId;
}
