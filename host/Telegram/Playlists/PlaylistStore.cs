using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace VideoBot.Host.Telegram.Playlists;

/// <summary>A playlist offered to a user: what its buttons (<c>pl:…:TOKEN</c>) act on.</summary>
/// <param name="Url">The playlist link as routed.</param>
/// <param name="UserId">Who sent it: the only one whose presses count.</param>
/// <param name="ChatId">Where it was sent.</param>
/// <param name="ReplyTo">The user's message, which the videos answer.</param>
/// <param name="Language">The texts' language.</param>
internal sealed record PlaylistOffer(string Url, long UserId, long ChatId, int ReplyTo, string Language);

/// <summary>
/// Offers by token, in the bot's persistent store (SQLite or Redis, so any instance can take the press) for a day; the token
/// (10 random characters of [A-Za-z0-9_-]) keeps every button's callback_data far under Telegram's 64 bytes.
/// </summary>
internal sealed class PlaylistStore(IDistributedCache store)
{
    private static readonly DistributedCacheEntryOptions Day = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(1) };

    public async Task<string> AddAsync(PlaylistOffer offer, CancellationToken cancellationToken)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(8)).Replace('+', '-').Replace('/', '_')[..10];
        await store.SetAsync(Key(token), JsonSerializer.SerializeToUtf8Bytes(offer), Day, cancellationToken);
        return token;
    }

    /// <summary>The offer behind <paramref name="token"/>; null when unknown, expired or not ours.</summary>
    public async Task<PlaylistOffer?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length != 10 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        try
        {
            return await store.GetAsync(Key(token), cancellationToken) is { } bytes ? JsonSerializer.Deserialize<PlaylistOffer>(bytes) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Key(string token) => "v1:playlist:" + token;
}
