using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Telegram.Dispatch;

/// <summary>An update waiting to be handled, and the signal its handler gives once the update is safe to confirm.</summary>
internal sealed class QueuedUpdate(Update update)
{
    private readonly TaskCompletionSource _handled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Update Update { get; } = update;

    /// <summary>Completes once the update is handled (a link's job stored); faults when it could not be (a store failure).</summary>
    public Task Handled => _handled.Task;

    public void Done() => _handled.TrySetResult();

    public void Failed(Exception exception) => _handled.TrySetException(exception);

    public void Abandoned() => _handled.TrySetCanceled();
}

/// <summary>
/// Updates waiting to be handled, from polling or the webhook. Bounded: polling waits for room, the webhook refuses (503) so
/// Telegram keeps the update and sends it again later. Each entry says when it is handled, so neither confirms an update to
/// Telegram before its job is stored.
/// </summary>
internal sealed class UpdateQueue(IOptions<TelegramOptions> options)
{
    private readonly Channel<QueuedUpdate> _channel = Channel.CreateBounded<QueuedUpdate>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleWriter = false,
        SingleReader = false,
    });

    public ChannelReader<QueuedUpdate> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="update"/>, waiting for room; returns the task that completes once it is handled.</summary>
    public async ValueTask<Task> EnqueueAsync(Update update, CancellationToken cancellationToken)
    {
        var queued = new QueuedUpdate(update);
        await _channel.Writer.WriteAsync(queued, cancellationToken);
        return queued.Handled;
    }

    /// <summary>Queues <paramref name="update"/> if there is room; returns the task that completes once it is handled, or null.</summary>
    public Task? TryEnqueue(Update update)
    {
        var queued = new QueuedUpdate(update);
        return _channel.Writer.TryWrite(queued) ? queued.Handled : null;
    }
}
