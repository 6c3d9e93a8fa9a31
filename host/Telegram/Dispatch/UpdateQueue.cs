using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Telegram.Dispatch;

/// <summary>
/// Updates waiting to be handled, from polling or the webhook. Bounded: polling waits for room, the webhook refuses (503) so
/// Telegram keeps the update and sends it again later.
/// </summary>
internal sealed class UpdateQueue(IOptions<TelegramOptions> options)
{
    private readonly Channel<Update> _channel = Channel.CreateBounded<Update>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleWriter = false,
        SingleReader = false,
    });

    public ChannelReader<Update> Reader => _channel.Reader;

    public ValueTask EnqueueAsync(Update update, CancellationToken cancellationToken) => _channel.Writer.WriteAsync(update, cancellationToken);

    public bool TryEnqueue(Update update) => _channel.Writer.TryWrite(update);
}
