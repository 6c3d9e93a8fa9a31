namespace VideoBot.FakeTelegram.State;

/// <summary>A Telegram user known to the fake (a person talking to the bot, or the bot itself).</summary>
public sealed record FakeUser(long Id, string FirstName, string? LastName = null, string? Username = null, string? LanguageCode = null, bool IsBot = false);
