using Microsoft.Extensions.Configuration;

namespace VideoBot.Host.Configuration;

/// <summary>
/// Reads <c>Network:OriginOverrides</c>, whose keys are origins such as <c>https://api.example.com</c>. Configuration splits
/// keys on <c>:</c>, so the binder sees <c>https</c> → <c>//api.example.com</c> and binds nothing; every leaf's path below the
/// section is joined back with <c>:</c> instead, which restores the origin exactly (a port included).
/// </summary>
internal static class OriginOverridesBinding
{
    public static Dictionary<string, string> Read(IConfigurationSection section)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(section, section.Path.Length + 1, overrides);
        return overrides;
    }

    private static void Collect(IConfigurationSection section, int prefix, Dictionary<string, string> overrides)
    {
        foreach (var child in section.GetChildren())
        {
            if (child.Value is { } value)
            {
                overrides[child.Path[prefix..]] = value;
            }

            Collect(child, prefix, overrides);
        }
    }
}
