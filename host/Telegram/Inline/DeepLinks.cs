using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Caching.Distributed;

namespace VideoBot.Host.Telegram.Inline;

/// <summary>
/// Carries a link through Telegram's deep link (<c>t.me/bot?start=PARAM</c>, then <c>/start PARAM</c>), whose parameter
/// may hold only 64 characters of <c>[A-Za-z0-9_-]</c>: the link is stored under a short token derived from it
/// (<c>v_</c> and 20 characters of its SHA-256), in the bot's persistent store (SQLite or Redis), for a week.
/// </summary>
internal sealed partial class DeepLinks(IDistributedCache store)
{
    private static readonly DistributedCacheEntryOptions Week = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(7) };

    /// <summary>Stores <paramref name="link"/> and returns its start parameter.</summary>
    public async Task<string> TokenForAsync(string link, CancellationToken cancellationToken)
    {
        var token = "v_" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(link)))
            .Replace('+', '-').Replace('/', '_')[..20];
        await store.SetAsync(Key(token), Encoding.UTF8.GetBytes(link), Week, cancellationToken);
        return token;
    }

    /// <summary>The link behind a start parameter; null for any other parameter, or a token unknown or expired.</summary>
    public async Task<string?> ResolveAsync(string? parameter, CancellationToken cancellationToken) =>
        parameter is not null && TokenPattern().IsMatch(parameter) && await store.GetAsync(Key(parameter), cancellationToken) is { } bytes
            ? Encoding.UTF8.GetString(bytes)
            : null;

    /// <summary>True when <paramref name="parameter"/> has the shape of a token (known or not).</summary>
    public static bool IsToken(string? parameter) => parameter is not null && TokenPattern().IsMatch(parameter);

    private static string Key(string token) => "v1:deeplink:" + token;

    [GeneratedRegex("^v_[A-Za-z0-9_-]{20}$")]
    private static partial Regex TokenPattern();
}
