using Microsoft.Extensions.Configuration;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Network;

/// <summary>
/// Reads <c>Network:OriginOverrides</c> from configuration. Its keys are origins (<c>https://api.example.com</c>), and the colon
/// in them is also configuration's path separator: the binder sees a section <c>https</c> with a child <c>//api.example.com</c>
/// and binds nothing. Joining every value's path below the section gives the origin back, from YAML and environment alike.
/// </summary>
internal static class OriginOverridesBinding
{
    public static void Read(IConfiguration configuration, NetworkOptions options)
    {
        var section = configuration.GetSection(NetworkOptions.Section).GetSection(nameof(NetworkOptions.OriginOverrides));
        foreach (var (origin, target) in section.AsEnumerable(makePathsRelative: true))
        {
            if (!string.IsNullOrEmpty(target))
            {
                options.OriginOverrides[origin] = target;
            }
        }
    }
}
