using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Plugins;

namespace VideoBot.Host.PluginLifecycle.HotSwap;

/// <summary>
/// Watches the plugins folder (when <c>Plugins:Watch</c> is on) and, after <c>Plugins:WatchDebounceMs</c> of quiet, syncs
/// the folders that changed. Changes to <c>Plugins:Disabled</c> and <c>Plugins:Priority</c> apply live whether or not the
/// folder is watched.
/// </summary>
internal sealed partial class PluginWatcher(
    PluginCatalog catalog,
    PluginSwapper swapper,
    IOptionsMonitor<PluginsOptions> options,
    ILogger<PluginWatcher> logger) : IHostedService, IDisposable
{
    private FileSystemWatcher? _watcher;
    private Debouncer? _debouncer;
    private IDisposable? _optionsSubscription;
    private CancellationTokenSource? _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        var settings = options.CurrentValue;
        _debouncer = new Debouncer(TimeSpan.FromMilliseconds(settings.WatchDebounceMs), SyncAsync);
        _optionsSubscription = options.OnChange(_ =>
        {
            catalog.ApplyPriorities();
            _debouncer.Add(null);
        });

        if (!settings.Watch)
        {
            LogNotWatching();
            return Task.CompletedTask;
        }

        if (!Directory.Exists(catalog.Directory))
        {
            LogNoFolder(catalog.Directory);
            return Task.CompletedTask;
        }

        _watcher = new FileSystemWatcher(catalog.Directory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            InternalBufferSize = 64 * 1024,
        };
        _watcher.Created += (_, e) => Changed(e.FullPath);
        _watcher.Changed += (_, e) => Changed(e.FullPath);
        _watcher.Deleted += (_, e) => Changed(e.FullPath);
        _watcher.Renamed += (_, e) =>
        {
            Changed(e.OldFullPath);
            Changed(e.FullPath);
        };
        _watcher.Error += (_, e) =>
        {
            // Events were lost (the buffer overflowed): look at every folder.
            LogWatchError(e.GetException());
            _debouncer.Add(null);
        };
        _watcher.EnableRaisingEvents = true;
        LogWatching(catalog.Directory, settings.WatchDebounceMs);
        return Task.CompletedTask;
    }

    /// <summary>Maps a changed path to the plugin folder it is in: the first segment under the plugins folder.</summary>
    private void Changed(string path)
    {
        var relative = Path.GetRelativePath(catalog.Directory, path);
        if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return;
        }

        var first = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        _debouncer?.Add(first);
    }

    private async Task SyncAsync(IReadOnlyCollection<string>? folders)
    {
        var token = _stopping?.Token ?? CancellationToken.None;
        try
        {
            await swapper.SyncAsync(folders, force: false, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogSyncFailed(ex);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping?.Cancel();
        if (_watcher is not null)
        {
            _watcher.EnableRaisingEvents = false;
        }

        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _optionsSubscription?.Dispose();
        _watcher?.Dispose();
        _debouncer?.Dispose();
        _stopping?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Directory} for plugin changes (debounce {DebounceMs} ms)")]
    private partial void LogWatching(string directory, int debounceMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugins:Watch is off: plugin folders are read at start and on /reload")]
    private partial void LogNotWatching();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The plugins folder {Directory} does not exist; it is not watched")]
    private partial void LogNoFolder(string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The plugins folder watcher lost events; every folder will be checked")]
    private partial void LogWatchError(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Syncing the plugins folder failed; the plugins serving go on serving")]
    private partial void LogSyncFailed(Exception exception);
}
