namespace VideoBot.FakeTelegram.State;

/// <summary>A chat known to the fake: "private" (its id is the user's), "group" or "supergroup" (negative ids).</summary>
public sealed record FakeChat(long Id, string Type, string? Title = null, FakeUser? User = null);
