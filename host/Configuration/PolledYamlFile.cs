using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using NetEscapades.Configuration.Yaml;

namespace VideoBot.Host.Configuration;

/// <summary>
/// config.yaml, reloaded when it changes, noticed by polling that one file every few seconds. The default file provider
/// would put an inotify watch on every folder under the config file's folder (thousands in a checkout, and the bot's own
/// data/ among them) and wake a thread for every write there, each SQLite commit included.
/// </summary>
internal static class PolledYamlFile
{
    public static IConfigurationBuilder AddPolledYamlFile(this IConfigurationBuilder builder, string file)
    {
        var source = new Source
        {
            FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(file)!) { UsePollingFileWatcher = true, UseActivePolling = true },
            Path = Path.GetFileName(file),
            Optional = false,
            ReloadOnChange = true,
        };
        return builder.Add(source);
    }

    private sealed class Source : YamlConfigurationSource
    {
        public override IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this);
    }

    /// <summary>Disposes the file provider (and its polling timer) with the configuration, which a supplied provider is not.</summary>
    private sealed class Provider(Source source) : YamlConfigurationProvider(source)
    {
        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                (source.FileProvider as IDisposable)?.Dispose();
            }
        }
    }
}
