using Telegram.Bot.Types;

namespace VideoBot.Host.Telegram;

/// <summary>Who the bot is (from <c>getMe</c>), once start-up has reached the Bot API; group mentions are matched against it.</summary>
internal sealed class BotIdentity
{
    private readonly TaskCompletionSource<User> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public User? Bot => _ready.Task.IsCompletedSuccessfully ? _ready.Task.Result : null;

    public string? Username => Bot?.Username;

    public long? Id => Bot?.Id;

    public void Set(User bot) => _ready.TrySetResult(bot);

    /// <summary>Completes once start-up is done (commands set, webhook set or removed).</summary>
    public Task<User> WhenReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);
}
