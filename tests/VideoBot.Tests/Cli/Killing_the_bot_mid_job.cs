using Microsoft.AspNetCore.Http;
using VideoBot.FakeTelegram;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.Cli;

/// <summary>
/// The real executable killed with SIGKILL mid-download leaves its status message behind; the next process on the same
/// storage resumes the job, removes that message and sends the video.
/// </summary>
public sealed class Killing_the_bot_mid_job
{
    [Fact]
    public async Task The_status_message_a_killed_bot_left_is_removed_when_the_job_resumes()
    {
        var clip = await TestMedia.Mp4Async(seconds: 8, height: 360);
        var slow = true;
        await using var site = await FixtureSite.StartAsync(app => app.MapGet("/media/slow.mp4", async (HttpContext context) =>
        {
            var bytes = await File.ReadAllBytesAsync(clip);
            context.Response.ContentType = "video/mp4";
            context.Response.ContentLength = bytes.Length;
            for (var offset = 0; offset < bytes.Length; offset += 16 * 1024)
            {
                await context.Response.Body.WriteAsync(bytes.AsMemory(offset, Math.Min(16 * 1024, bytes.Length - offset)), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(Volatile.Read(ref slow) ? 500 : 5, context.RequestAborted);
            }
        }));
        await using var telegram = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { Token = VideoBot.Tests.TelegramBot.Support.BotHarness.Token });
        using var storage = new TempFolder();
        var environment = VideobotProcess.BotEnvironment(telegram, storage.Path);
        environment["Telegram__StatusEditIntervalMs"] = "300";
        environment["Jobs__LeaseSeconds"] = "3";
        environment["Jobs__RecoverySeconds"] = "1";
        var ana = telegram.AddUser("Ana");

        var first = VideobotProcess.Start([], environment);
        telegram.SendUserMessage(telegram.PrivateChat(ana), ana, site.Url("/media/slow.mp4").AbsoluteUri);
        var status = await first.UnlessExitedAsync(telegram.WaitForMessageAsync(
            ana.Id, m => m.Text?.StartsWith("Downloading", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(60)));
        await telegram.WaitForAsync(() => telegram.PendingUpdateCount == 0 ? "confirmed" : null, TimeSpan.FromSeconds(30), "the update's confirmation");
        await first.DisposeAsync(); // SIGKILL: no shutdown, no "interrupted" text
        Assert.Contains(telegram.Messages(ana.Id), m => m.MessageId == status.MessageId);

        Volatile.Write(ref slow, false);
        await using var second = VideobotProcess.Start([], environment);
        var video = await second.UnlessExitedAsync(telegram.WaitForMessageAsync(ana.Id, m => m.Kind == "video", TimeSpan.FromSeconds(90)));
        await telegram.WaitForAsync(() => telegram.Messages(ana.Id).Any(m => m.Kind == "text") ? null : "tidy", TimeSpan.FromSeconds(30), "the status messages to go");

        Assert.DoesNotContain(telegram.Messages(ana.Id), m => m.MessageId == status.MessageId);
        Assert.Single(telegram.Messages(ana.Id), m => m.Kind == "video");
        Assert.Contains(telegram.Requests, r => r.Method == "deleteMessage" && r.Parameters["message_id"] == status.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotNull(video);
    }
}
