using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using VideoBot.FakeTelegram;
using VideoBot.Host.Configuration;
using VideoBot.Tests.Cli;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.Configuration;

/// <summary>
/// config.yaml is read again when it changes, by polling that one file: no configuration file of the bot is watched through
/// a folder watcher, which on Linux puts an inotify watch on every folder below it (the config file's folder, with data/ and
/// plugins/ in it; the current folder for appsettings.json) and wakes for every write there.
/// </summary>
public sealed class Reading_config_yaml : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("videobot-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task An_edited_config_yaml_is_read_again_without_a_restart()
    {
        var file = Path.Combine(_folder, "config.yaml");
        await File.WriteAllTextAsync(file, "Plugins:\n  WatchDebounceMs: 300\n");
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder().AddVideoBotConfiguration(file).Build();
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = ChangeToken.OnChange(configuration.GetReloadToken, () => changed.TrySetResult());
        Assert.Equal("300", configuration["Plugins:WatchDebounceMs"]);

        // A later modification time than the first write's, whatever the file system's timestamp resolution.
        await File.WriteAllTextAsync(file, "Plugins:\n  WatchDebounceMs: 700\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(2));
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("700", configuration["Plugins:WatchDebounceMs"]);
    }

    [Fact]
    public async Task The_running_bot_watches_no_folder_for_its_configuration()
    {
        // Started from a folder with folders in it, with the repository's config.yaml (beside bin/, obj/, .git/...), and the
        // plugins folder's own watcher off: any inotify watch left is one on the configuration's folders.
        for (var i = 0; i < 20; i++)
        {
            Directory.CreateDirectory(Path.Combine(_folder, "folder" + i, "inner"));
        }

        await using var telegram = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = BotHarness.Token });
        await using var bot = VideobotProcess.Start([], new Dictionary<string, string>
        {
            ["TELEGRAM_BOT_TOKEN"] = telegram.Token,
            ["Telegram__ApiBaseUrl"] = telegram.ApiBaseUrl,
            ["Storage__Directory"] = Path.Combine(_folder, "data"),
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        }, workingDirectory: _folder);
        // deleteWebhook comes last before polling (a getUpdates is only recorded once its long poll ends).
        await bot.UnlessExitedAsync(telegram.WaitForRequestAsync("deleteWebhook", timeout: TimeSpan.FromSeconds(60)));

        Assert.Equal(0, InotifyWatches(bot.Id));
    }

    /// <summary>Every inotify watch the process holds: one <c>inotify wd:</c> line per watch in the fdinfo of its inotify descriptors.</summary>
    private static int InotifyWatches(int pid) =>
        Directory.GetFiles($"/proc/{pid}/fdinfo")
            .Sum(info => File.ReadLines(info).Count(line => line.StartsWith("inotify wd:", StringComparison.Ordinal)));
}
