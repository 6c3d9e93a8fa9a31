using Microsoft.Extensions.Configuration;

namespace VideoBot.Host.Configuration;

/// <summary>Where the configuration comes from, in rising precedence: config.yaml, environment variables, command-line overrides.</summary>
internal static class VideoBotConfiguration
{
    /// <summary>The key under which the config file's folder is recorded, so relative paths in it resolve against it.</summary>
    public const string BaseDirectoryKey = "VideoBot:BaseDirectory";

    /// <summary>The environment variable naming the config file when <c>--config</c> is not given.</summary>
    public const string ConfigFileVariable = "VIDEOBOT_CONFIG";

    /// <summary>
    /// Finds the config file: <paramref name="explicitFile"/>, else <c>VIDEOBOT_CONFIG</c>, else <c>config.yaml</c> in the
    /// current folder if there is one. Returns null when there is none (every setting then has its default).
    /// </summary>
    /// <exception cref="FileNotFoundException">An explicitly named file does not exist.</exception>
    public static string? LocateConfigFile(string? explicitFile)
    {
        var named = explicitFile ?? Environment.GetEnvironmentVariable(ConfigFileVariable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            var full = Path.GetFullPath(named);
            return File.Exists(full) ? full : throw new FileNotFoundException($"The config file '{full}' does not exist.", full);
        }

        var local = Path.GetFullPath("config.yaml");
        return File.Exists(local) ? local : null;
    }

    /// <summary>
    /// Adds config.yaml, the environment (<c>Section__Key</c>, and <c>TELEGRAM_BOT_TOKEN</c> for <c>Telegram:Token</c>)
    /// and <paramref name="overrides"/> (from command-line options such as <c>--plugins</c>).
    /// </summary>
    public static IConfigurationBuilder AddVideoBotConfiguration(
        this IConfigurationBuilder builder,
        string? configFile,
        IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var baseDirectory = configFile is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(configFile)!;
        builder.AddInMemoryCollection([new(BaseDirectoryKey, baseDirectory)]);
        if (configFile is not null)
        {
            builder.AddPolledYamlFile(configFile);
        }

        // The conventional variable for bot tokens; the Section__Key form below still wins when both are set.
        var token = Environment.GetEnvironmentVariable("TELEGRAM_BOT_TOKEN");
        if (!string.IsNullOrEmpty(token))
        {
            builder.AddInMemoryCollection([new("Telegram:Token", token)]);
        }

        builder.AddEnvironmentVariables();
        if (overrides is { Count: > 0 })
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder;
    }
}
