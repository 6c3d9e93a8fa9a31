namespace VideoBot.FakeTelegram.State;

/// <summary>A file a simulated user sends to the bot: <paramref name="Kind"/> is "video", "photo", "document", "audio" or "animation".</summary>
public sealed record FakeAttachment(string Kind, byte[] Bytes, string FileName);
