using System.Security.Cryptography;
using VideoBot.FakeTelegram;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Cli;

/// <summary>
/// The README's "done" check, as a test: the real executable, with the repository's config and plugins, runs the bot against
/// a Bot API server on loopback (the fake, pointed at through <c>Telegram:ApiBaseUrl</c>) and answers a link to a fixture video.
/// </summary>
public sealed class Running_the_bot_as_a_process
{
    [Fact]
    public async Task The_bot_answers_a_link_with_the_video_and_the_same_link_again_with_its_file_id_only()
    {
        var clip = await TestMedia.Mp4Async();
        await using var site = await FixtureSite.StartAsync(app => app.MapGet("/media/harbour.mp4", () => FixtureSite.File(clip, "video/mp4")));
        await using var telegram = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = VideoBot.Tests.TelegramBot.Support.BotHarness.Token });
        using var storage = new TempFolder();
        var url = site.Url("/media/harbour.mp4").AbsoluteUri;
        await using var bot = VideobotProcess.Start([], VideobotProcess.BotEnvironment(telegram, storage.Path));
        var ana = telegram.AddUser("Ana");
        var dan = telegram.AddUser("Dan");

        telegram.SendUserMessage(telegram.PrivateChat(ana), ana, url);
        var first = await WaitAsync(telegram, bot, ana.Id);
        // The job's last step: the status message goes once the file_id is stored.
        await telegram.WaitForRequestAsync("deleteMessage", timeout: TimeSpan.FromSeconds(30));
        var downloads = site.Requests.Count(r => r == "/media/harbour.mp4");
        telegram.SendUserMessage(telegram.PrivateChat(dan), dan, url);
        var second = await WaitAsync(telegram, bot, dan.Id);

        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(clip)), SHA256.HashData(telegram.FileBytes(first.FileId!)!));
        Assert.Equal(first.FileId, second.FileId);
        Assert.Equal(downloads, site.Requests.Count(r => r == "/media/harbour.mp4"));
        var resend = telegram.Requests.Last(r => r.Method == "sendVideo");
        Assert.Equal(first.FileId, resend.Parameters["video"]);
        Assert.True(File.Exists(Path.Combine(storage.Path, "videobot.db")) || Directory.GetFiles(storage.Path, "*.db").Length > 0);
    }

    private static Task<VideoBot.FakeTelegram.State.FakeMessage> WaitAsync(FakeBotApiServer telegram, VideobotProcess.Running bot, long chatId) =>
        bot.UnlessExitedAsync(telegram.WaitForMessageAsync(chatId, m => m.Kind == "video", TimeSpan.FromSeconds(60)));
}
