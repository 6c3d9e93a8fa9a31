using VideoBot.FakeTelegram;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Cli;

/// <summary>
/// Issue 15's "done" check for clips, as a test: the real executable (repository config and plugins) against the fake Bot API
/// cuts a 5 s loopback fixture to the part asked for with <c>/clip</c>, and what Telegram received is a video of about 2 s.
/// </summary>
public sealed class Cutting_a_clip_in_the_running_bot
{
    [Fact]
    public async Task A_clip_of_one_to_three_seconds_of_a_five_second_video_arrives_as_a_two_second_video()
    {
        var video = await TestMedia.Mp4WithKeyframesAsync(seconds: 5);
        await using var site = await FixtureSite.StartAsync(app => app.MapGet("/media/five.mp4", () => FixtureSite.File(video, "video/mp4")));
        await using var telegram = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = VideoBot.Tests.TelegramBot.Support.BotHarness.Token });
        using var storage = new TempFolder();
        var url = site.Url("/media/five.mp4").AbsoluteUri;
        await using var bot = VideobotProcess.Start([], VideobotProcess.BotEnvironment(telegram, storage.Path));
        var ana = telegram.AddUser("Ana");

        telegram.SendUserMessage(telegram.PrivateChat(ana), ana, $"/clip {url} 0:01-0:03");
        var sent = await bot.UnlessExitedAsync(telegram.WaitForMessageAsync(ana.Id, m => m.Kind == "video", TimeSpan.FromSeconds(60)));

        var received = Path.Combine(storage.Path, "received.mp4");
        await File.WriteAllBytesAsync(received, telegram.FileBytes(sent.FileId!)!);
        var (duration, streams) = await DownloadTestKit.ProbeAsync(received);
        Assert.InRange(duration, 1.5, 2.5);
        Assert.Contains("video", streams);
        Assert.Contains("audio", streams);
        Assert.Equal(2, sent.Duration);
    }
}
