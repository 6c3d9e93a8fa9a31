using System.Security.Cryptography;
using System.Text.Json;
using VideoBot.FakeTelegram;
using VideoBot.FakeTelegram.State;
using VideoBot.Host.Manifests;
using VideoBot.Tests.Cli;
using VideoBot.Tests.Plugins;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Contrib;

/// <summary>
/// docs/writing-a-script-plugin.md followed step by step, as a contributor who has never seen the code would: scaffold a
/// plugin with <c>scripts/new-plugin.sh</c>, check it with <c>videobot validate</c>, copy the folder into the plugins folder
/// of a bot that is already running, and send it a link. The site is the plugin's own recorded fixture, replayed on loopback
/// behind <c>Network:OriginOverrides</c>, with a real MP4 where its page points to the video.
/// </summary>
[Collection(SdkBuilds.Name)]
public sealed class Walking_through_a_new_plugin : IDisposable
{
    private const string Id = "harbour-tv";
    private const string Link = "https://harbour.tv/videos/abc123";
    private readonly string _root = Directory.CreateTempSubdirectory("videobot-walkthrough-").FullName;

    [Fact]
    public async Task A_scaffolded_script_plugin_validates_and_once_dropped_into_a_running_bot_answers_its_links()
    {
        // 1. Scaffold it (the script validates what it made).
        var work = Path.Combine(_root, "checkout", "plugins", Id);
        var made = await CliProcess.RunAsync("bash", [Path.Combine(RepoPaths.Root, "scripts", "new-plugin.sh"), Id, "--kind", "script",
            "--domain", "harbour.tv", "--dir", work], _root, timeout: TimeSpan.FromMinutes(6));
        Assert.True(made.ExitCode == 0, made.ToString());

        // 5. Test it.
        var validated = await VideobotProcess.RunAsync(["validate", work]);
        Assert.True(validated.ExitCode == 0, validated.ToString());
        Assert.Contains($"{Id} 0.1.0 (script): ok: 3/3 tests passed", validated.Stdout, StringComparison.Ordinal);

        // A bot already serving, watching its own plugins folder; the new plugin's site is its recorded page.
        var test = ManifestReader.Read(work).Manifest!.Tests[0];
        await using var site = await PlatformReplaySite.StartAsync(work, test.Fixtures);
        await using var telegram = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = TelegramBot.Support.BotHarness.Token });
        var plugins = Directory.CreateDirectory(Path.Combine(_root, "bot", "plugins")).FullName;
        await using var bot = VideobotProcess.Start([], new Dictionary<string, string>
        {
            ["TELEGRAM_BOT_TOKEN"] = telegram.Token,
            ["Telegram__ApiBaseUrl"] = telegram.ApiBaseUrl,
            ["Plugins__Directory"] = plugins,
            ["Plugins__Watch"] = "true",
            ["YtDlp__EnableGeneric"] = "false",
            ["Network__AllowPrivateAddresses"] = "true",
            ["Network__OriginOverrides__https://harbour.tv"] = site.Target,
            ["RateLimits__UserBurst"] = "100",
            ["Storage__Directory"] = Path.Combine(_root, "bot", "data"),
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });
        var ana = telegram.AddUser("Ana");
        var before = await AskAsync(telegram, bot, ana);
        Assert.Equal("text", before.Kind);
        Assert.StartsWith("I can't download from harbour.tv", before.Text, StringComparison.Ordinal);

        // 6. Drop it into the running bot: no restart. The watcher picks it up about a second later.
        Copy(work, Path.Combine(plugins, Id));
        FakeMessage answer;
        var attempts = 0;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            answer = await AskAsync(telegram, bot, ana);
        }
        while (answer.Kind == "text" && ++attempts < 60);

        Assert.True(answer.Kind == "video", $"the bot kept answering \"{answer.Text}\"\n{await bot.StopAsync()}");
        Assert.Contains("A walk by the sea", answer.Caption, StringComparison.Ordinal);
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(site.ClipPath)), SHA256.HashData(telegram.FileBytes(answer.FileId!)!));
        Assert.Contains(site.MediaRequests, r => r.StartsWith("//harbour.tv/", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Sends the link and returns the bot's answer to it: the video, or a refusal (not the status message).</summary>
    private static Task<FakeMessage> AskAsync(FakeBotApiServer telegram, VideobotProcess.Running bot, FakeUser user)
    {
        var sent = telegram.SendUserMessage(telegram.PrivateChat(user), user, Link);
        return bot.UnlessExitedAsync(telegram.WaitForMessageAsync(user.Id, m => m.ReplyToMessageId == sent.MessageId
            && (m.Kind == "video" || m.Text?.StartsWith("I can't", StringComparison.Ordinal) == true), TimeSpan.FromSeconds(60)));
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
