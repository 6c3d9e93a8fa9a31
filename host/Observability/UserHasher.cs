using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using VideoBot.Host.Hosting;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Observability;

/// <summary>
/// Turns a Telegram user id into the pseudonym logs carry: an HMAC-SHA256 under a key of this installation, so one user's lines
/// can be followed without the id itself ever being written (a plain hash of a ten-digit number is reversed by brute force).
/// The key is <c>Logging:UserHashKey</c>, or a random one kept in <c>Storage:Directory/user-hash.key</c>.
/// </summary>
internal sealed class UserHasher
{
    public const string KeySetting = "Logging:UserHashKey";
    public const string KeyFile = "user-hash.key";

    private readonly byte[] _key;

    public UserHasher(IConfiguration configuration, HostPaths paths)
    {
        var configured = configuration[KeySetting];
        _key = !string.IsNullOrEmpty(configured) ? Encoding.UTF8.GetBytes(configured) : LoadOrCreate(Path.Combine(paths.StorageDirectory, KeyFile));
    }

    /// <summary>12 hex digits: enough to tell users apart in logs.</summary>
    public string Hash(long userId)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(userId.ToString(CultureInfo.InvariantCulture)), mac);
        return Convert.ToHexStringLower(mac[..6]);
    }

    private static byte[] LoadOrCreate(string path)
    {
        try
        {
            if (File.Exists(path) && File.ReadAllBytes(path) is { Length: >= 16 } existing)
            {
                return existing;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var key = RandomNumberGenerator.GetBytes(32);
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(key);
            }

            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance on the same storage wrote it first.
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unwritable storage folder: pseudonyms then last for this run only, which still keeps the ids out of the logs.
            return RandomNumberGenerator.GetBytes(32);
        }
    }
}
