namespace VideoBot.FakeTelegram.Api;

/// <summary>
/// One Bot API call as the fake received it, for assertions and snapshots: the method, its parameters (uploaded
/// files shown as <c>file name="clip.mp4" size=N sha256=...</c>, never their bytes) and the answer's status code.
/// </summary>
public sealed record LoggedRequest(string Method, IReadOnlyDictionary<string, string> Parameters, int StatusCode, string? ErrorDescription)
{
    /// <summary>When the request reached the fake, before its body was read: for tests about pacing (throttling, retry_after).</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}
