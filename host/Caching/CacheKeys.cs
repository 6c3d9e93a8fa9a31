using System.Security.Cryptography;
using System.Text;

namespace VideoBot.Host.Caching;

/// <summary>
/// The cache's keys. URLs are hashed: they can be long (HybridCache refuses keys over its limit) and Redis keys should not
/// carry users' links in clear. <c>v1</c> changes when the stored shape does, so old entries are simply never read.
/// </summary>
internal static class CacheKeys
{
    public const string FileIdPrefix = "v1:fileid:";
    public const string MetadataPrefix = "v1:meta:";

    public static string FileIds(string url, string choice) => FileIdPrefix + choice + ":" + Hash(url);

    public static string Metadata(string url) => MetadataPrefix + Hash(url);

    /// <summary>
    /// Every format choice of whole media the settings can produce (<c>video:best</c>, <c>document:720</c>, <c>audio</c>,
    /// <c>audio:mp3</c>...). A clip's range and the subtitle language are part of the choice too (see <see cref="UserSettings.Choice"/>),
    /// so each clip and each subtitled copy is cached apart; there are too many of those to list, and they expire with
    /// <c>Cache:FileIdDays</c>.
    /// </summary>
    public static IEnumerable<string> AllChoices()
    {
        yield return new UserSettings(AudioOnly: true).Choice;
        yield return new UserSettings(AudioOnly: true) { AudioFormat = AudioFormat.Mp3 }.Choice;
        foreach (var sendAs in Enum.GetValues<SendAs>())
        {
            foreach (var quality in UserSettings.Qualities)
            {
                yield return new UserSettings(quality, sendAs).Choice;
                yield return new UserSettings(quality, sendAs, SlideshowAsVideo: true).Choice;
            }
        }
    }

    private static string Hash(string url) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)));
}
