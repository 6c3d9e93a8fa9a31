using System.Collections;
using System.Reflection;
using VideoBot.Host.Configuration;
using VideoBot.Host.Cli;

namespace VideoBot.Tests.Contrib;

/// <summary>One bindable setting of the host: <c>Section:Property</c>, its type and the default its options class gives it.</summary>
internal sealed record HostSetting(string Key, Type Type, object? Default)
{
    /// <summary>A map (<c>Plugins:Priority:&lt;id&gt;</c>): keys below it are the operator's own.</summary>
    public bool IsMap => Type.IsGenericType && Type.GetGenericTypeDefinition() == typeof(Dictionary<,>);

    public bool IsList => !IsMap && Type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(Type);
}

/// <summary>
/// The host's real configuration, read from its options classes (every class with a <c>Section</c> constant, bound by
/// <c>AddOptions&lt;T&gt;().Bind(...)</c>), so files that name settings can be checked against the code rather than a list.
/// </summary>
internal static class HostSettings
{
    /// <summary>Environment variables the host reads besides <c>Section__Key</c>.</summary>
    public static readonly IReadOnlySet<string> ExtraVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        "TELEGRAM_BOT_TOKEN", // host/Configuration/VideoBotConfiguration.cs
        VideoBot.Host.Configuration.VideoBotConfiguration.ConfigFileVariable,
        "ASPNETCORE_URLS", // where ASP.NET listens (BotApp.DefaultUrls otherwise)
    };

    /// <summary>
    /// Settings other branches add that deployment files already name. The lead removes an entry once its branch is merged,
    /// and the check then holds it to the real options class.
    /// </summary>
    public static readonly IReadOnlySet<string> Pending = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { };

    public static IReadOnlyList<HostSetting> All { get; } = Read();

    public static IReadOnlyList<string> Sections => [.. All.Select(s => s.Key.Split(':')[0]).Distinct()];

    /// <summary>Whether a configuration key (<c>Network:OriginOverrides:https://x</c>, any case) is one the host binds.</summary>
    public static bool IsKnown(string key)
    {
        if (Pending.Contains(key))
        {
            return true;
        }

        return All.Any(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase)
            || ((s.IsMap || s.IsList) && key.StartsWith(s.Key + ":", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>An environment variable as a configuration key (<c>Network__MaxRedirects</c> → <c>Network:MaxRedirects</c>), or null for the extras.</summary>
    public static string? KeyOf(string variable) =>
        ExtraVariables.Contains(variable) ? null : variable.Replace("__", ":", StringComparison.Ordinal);

    private static List<HostSetting> Read()
    {
        var settings = new List<HostSetting>();
        var types = typeof(VideoBot.Host.Configuration.PluginsOptions).Assembly.GetTypes()
            .Where(t => t.IsClass && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true });
        foreach (var type in types.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var section = (string)type.GetField("Section")!.GetRawConstantValue()!;
            var instance = Activator.CreateInstance(type);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
            {
                settings.Add(new HostSetting($"{section}:{property.Name}", property.PropertyType, property.GetValue(instance)));
            }
        }

        return settings;
    }
}
