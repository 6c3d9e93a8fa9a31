using VideoBot.Tests.Downloading;
using VideoBot.Tests.Support;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

/// <summary>A video over the upload limit in every format arrives in playable parts under it (<c>Telegram:SplitLargeFiles</c>).</summary>
public sealed class Splitting_large_videos
{
    private const long TwentyMb = 20L * 1024 * 1024;

    [Fact]
    public async Task A_45_MB_video_with_a_20_MB_limit_arrives_in_three_playable_parts()
    {
        var large = await TestMedia.LargeMp4Async();
        await using var media = await FixtureSite.StartAsync(app => app.MapMethods("/large.mp4", ["GET", "HEAD"], () => FixtureSite.File(large, "video/mp4")));
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string?> { ["Telegram:UploadLimitBytes"] = TwentyMb.ToString() });
        var user = bot.Telegram.AddUser("Ana");
        bot.Say(user, media.Url("/large.mp4").AbsoluteUri);

        await bot.Telegram.WaitForAsync(() => bot.Telegram.Messages(user.Id).Count(m => m.Kind == "video") >= 3 ? "done" : null, TimeSpan.FromSeconds(120));
        await bot.IdleAsync();

        var parts = bot.Telegram.Messages(user.Id).Where(m => m.Kind == "video").ToList();
        Assert.Equal(3, parts.Count);
        Assert.Equal(["part 1/3", "part 2/3", "part 3/3"], parts.Select(p => p.Caption!.Split('\n')[0]));
        var total = 0.0;
        foreach (var part in parts)
        {
            var bytes = bot.Telegram.FileBytes(part.FileId!)!;
            Assert.InRange(bytes.LongLength, 1, TwentyMb);
            var path = Path.Combine(bot.StorageDirectory, part.MessageId + ".mp4");
            await File.WriteAllBytesAsync(path, bytes);
            var (duration, streams) = await DownloadTestKit.ProbeAsync(path);
            Assert.Equal(["video", "audio"], streams.Order().Reverse());
            Assert.InRange(duration, 1, 20);
            total += duration;
        }

        Assert.InRange(total, 23, 25);
    }

    [Fact]
    public async Task Help_on_telegrams_cloud_tells_about_parts_and_the_operators_local_bot_api_server()
    {
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string?> { ["Telegram:LocalApiServer"] = "false" });
        var user = bot.Telegram.AddUser("Ana");
        bot.Say(user, "/help");

        var help = await bot.ReplyAsync(user, m => m.Kind == "text");

        Assert.Contains("The largest file I can send is 50 MB.", help.Text);
        Assert.Contains("A video over the limit comes in playable parts.", help.Text);
        Assert.Contains("local Bot API server", help.Text);
    }

    [Fact]
    public async Task With_splitting_off_a_video_over_the_limit_is_refused_with_its_size()
    {
        var large = await TestMedia.LargeMp4Async();
        await using var media = await FixtureSite.StartAsync(app => app.MapMethods("/large.mp4", ["GET", "HEAD"], () => FixtureSite.File(large, "video/mp4")));
        await using var bot = await BotHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Telegram:UploadLimitBytes"] = TwentyMb.ToString(),
            ["Telegram:SplitLargeFiles"] = "false",
        });
        var user = bot.Telegram.AddUser("Ana");
        bot.Say(user, media.Url("/large.mp4").AbsoluteUri);

        var reply = await bot.ReplyAsync(user, m => m.Text?.Contains("the largest I can send is 20 MB", StringComparison.Ordinal) == true, seconds: 60);
        await bot.IdleAsync();

        Assert.DoesNotContain(bot.Telegram.Messages(user.Id), m => m.Kind == "video");
        Assert.Contains(VideoBot.Host.Messages.Formats.Size(new FileInfo(large).Length), reply.Text);
    }
}
