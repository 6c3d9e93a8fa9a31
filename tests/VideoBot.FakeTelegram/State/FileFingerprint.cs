using System.Security.Cryptography;

namespace VideoBot.FakeTelegram.State;

/// <summary>Short, stable stand-in for file contents in logs and snapshots.</summary>
public static class FileFingerprint
{
    public static string Of(byte[] bytes) => $"size={bytes.Length} sha256={Convert.ToHexStringLower(SHA256.HashData(bytes))}";
}
