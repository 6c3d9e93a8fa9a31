using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Distributed;
using VideoBot.Host.Caching;

namespace VideoBot.Host.Telegram.Choices;

/// <summary>One link whose quality the user is asked for.</summary>
/// <param name="ChatId">The chat to answer in.</param>
/// <param name="ReplyTo">The user's message with the link.</param>
/// <param name="UserId">Who asked: only they may choose.</param>
/// <param name="Language">The texts' language.</param>
/// <param name="Link">The link as sent.</param>
/// <param name="Settings">The user's settings for it (with a clip, if one was asked for).</param>
internal sealed record ChoiceRequest(long ChatId, int ReplyTo, long UserId, string Language, string Link, UserSettings Settings);

/// <summary>One button: its text, and the settings the job runs with when it is pressed.</summary>
internal sealed record ChoiceOption(string Label, UserSettings Settings);

/// <summary>A question waiting for a press.</summary>
internal sealed record PendingChoice(ChoiceRequest Request, IReadOnlyList<ChoiceOption> Options);

/// <summary>
/// Open quality questions, in the persistent cache level (SQLite, or Redis shared by every instance, so a press reaching
/// another instance still finds its question) for <see cref="Lifetime"/>. A button carries only a random token and an index
/// (<c>q:TOKEN:N</c>, within the 64 bytes of <c>callback_data</c>); what it means stays here, out of the user's reach.
/// </summary>
internal sealed class PendingChoices(IDistributedCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private const string Prefix = "v1:choice:";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Stores <paramref name="choice"/>; returns its token (16 URL-safe characters).</summary>
    public async Task<string> AddAsync(PendingChoice choice, CancellationToken cancellationToken)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_');
        await cache.SetAsync(Prefix + token, JsonSerializer.SerializeToUtf8Bytes(choice, Json),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime }, cancellationToken);
        return token;
    }

    /// <summary>The question behind <paramref name="token"/>, or null when it expired, was answered, or never existed.</summary>
    public async Task<PendingChoice?> GetAsync(string token, CancellationToken cancellationToken)
    {
        var bytes = await cache.GetAsync(Prefix + token, cancellationToken);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<PendingChoice>(bytes, Json);
        }
        catch (JsonException)
        {
            return null; // Written by another version: as good as expired.
        }
    }

    public Task RemoveAsync(string token, CancellationToken cancellationToken) => cache.RemoveAsync(Prefix + token, cancellationToken);
}
