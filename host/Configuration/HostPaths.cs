using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace VideoBot.Host.Configuration;

/// <summary>The host's folders, absolute: relative settings resolve against the config file's folder, not the current one.</summary>
internal sealed class HostPaths
{
    public HostPaths(IConfiguration configuration, IOptions<PluginsOptions> plugins, IOptions<StorageOptions> storage)
    {
        BaseDirectory = configuration[VideoBotConfiguration.BaseDirectoryKey] ?? Directory.GetCurrentDirectory();
        PluginsDirectory = Resolve(plugins.Value.Directory);
        StorageDirectory = Resolve(storage.Value.Directory);
        TempDirectory = Path.Combine(StorageDirectory, "tmp");
    }

    /// <summary>The config file's folder (or the current folder when there is no config file).</summary>
    public string BaseDirectory { get; }

    /// <summary><c>Plugins:Directory</c>, absolute.</summary>
    public string PluginsDirectory { get; }

    /// <summary><c>Storage:Directory</c>, absolute.</summary>
    public string StorageDirectory { get; }

    /// <summary>Where jobs download, one private subfolder each.</summary>
    public string TempDirectory { get; }

    private string Resolve(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));
}
