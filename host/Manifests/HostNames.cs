using System.Text.RegularExpressions;

namespace VideoBot.Host.Manifests;

/// <summary>Checks the host names a manifest declares (domains, short links, aliases, network permissions).</summary>
internal static partial class HostNames
{
    /// <summary>The longest DNS name (RFC 1035), without the trailing dot.</summary>
    private const int MaxLength = 253;

    private const int MaxLabelLength = 63;

    /// <summary>
    /// True for a lower-case DNS name or IPv4 address: labels of letters, digits and inner hyphens, at most 63 characters
    /// each and 253 in all. Upper case is refused rather than folded, because the router compares exact lower-case hosts.
    /// </summary>
    public static bool IsValid(string host, out string reason)
    {
        if (host.Length is 0 or > MaxLength)
        {
            reason = $"must be a host name of 1 to {MaxLength} characters";
            return false;
        }

        if (!LowerCaseHost().IsMatch(host))
        {
            reason = host.Any(char.IsUpper)
                ? $"host names must be lower case: use \"{host.ToLowerInvariant()}\""
                : "must be a host name such as example.com: letters, digits, inner hyphens and dots";
            return false;
        }

        var longLabel = host.Split('.').FirstOrDefault(label => label.Length > MaxLabelLength);
        if (longLabel is not null)
        {
            reason = $"the label \"{longLabel[..20]}…\" is longer than {MaxLabelLength} characters";
            return false;
        }

        reason = "";
        return true;
    }

    /// <summary>True for <c>example.com</c> or <c>*.example.com</c>, as <c>permissions.network</c> takes them.</summary>
    public static bool IsValidPattern(string pattern, out string reason) =>
        IsValid(pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern, out reason);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex LowerCaseHost();
}
