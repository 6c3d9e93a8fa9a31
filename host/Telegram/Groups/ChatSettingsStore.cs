using System.Globalization;
using Microsoft.Extensions.Caching.Distributed;

namespace VideoBot.Host.Telegram.Groups;

/// <summary>
/// Per-chat settings (today: <c>/autodetect</c>), kept in the bot's persistent store: the SQLite file by default, Redis when
/// <c>Cache:Redis</c> is set, so every instance sees the same choice. Entries never expire; a chat that never changed anything
/// has none.
/// </summary>
internal sealed class ChatSettingsStore(IDistributedCache store)
{
    private static readonly DistributedCacheEntryOptions Forever = new();

    /// <summary>True when every link posted in <paramref name="chatId"/> is fetched, not only those addressed to the bot.</summary>
    public async Task<bool> AutodetectAsync(long chatId, CancellationToken cancellationToken) =>
        await store.GetAsync(Key(chatId), cancellationToken) is [1];

    public Task SetAutodetectAsync(long chatId, bool on, CancellationToken cancellationToken) =>
        store.SetAsync(Key(chatId), [on ? (byte)1 : (byte)0], Forever, cancellationToken);

    private static string Key(long chatId) => "v1:chat:autodetect:" + chatId.ToString(CultureInfo.InvariantCulture);
}
