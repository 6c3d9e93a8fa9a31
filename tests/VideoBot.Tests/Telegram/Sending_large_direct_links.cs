using System.Security.Cryptography;
using VideoBot.Tests.Support;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

/// <summary>
/// A direct link to a media file far larger than the plugin response cap (<c>Network:MaxPluginResponseMb</c>, 8 MB; the generic
/// plugin's own 4 MB): the plugin only reads its headers (HEAD), so any size up to the upload limit arrives, and a larger one
/// gets the "too large" answer. The bot speaks to a cloud-like Bot API: 50 MB uploads. Splitting a video over the limit into
/// parts is switched off here, so the answer over the limit is the one a user meets with <c>Telegram:SplitLargeFiles: false</c>
/// (the parts are <see cref="Splitting_large_videos"/>'s subject).
/// </summary>
public sealed class Sending_large_direct_links : IAsyncLifetime
{
    private const long CloudLimit = 50L * 1024 * 1024;

    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Telegram:LocalApiServer"] = "false",
        ["Telegram:SplitLargeFiles"] = "false",
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData(20)]
    [InlineData(45)]
    public async Task A_direct_link_to_a_large_mp4_arrives_as_the_video_byte_for_byte(int mebibytes)
    {
        var file = await TestMedia.Mp4OfSizeAsync(mebibytes);
        Assert.InRange(new FileInfo(file).Length, mebibytes * 1024L * 1024, CloudLimit);
        var url = _bot.Site.AddFile($"clip-{mebibytes}.mp4", file);
        var user = _bot.Telegram.AddUser("Ana");

        var sent = _bot.Say(user, url);
        var video = await _bot.ReplyAsync(user, m => m.Kind == "video", seconds: 120);
        await _bot.IdleAsync();

        Assert.Equal(sent.MessageId, video.ReplyToMessageId);
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(file)), SHA256.HashData(_bot.Telegram.FileBytes(video.FileId!)!));
    }

    [Fact]
    public async Task A_direct_link_over_the_upload_limit_is_answered_too_large()
    {
        var file = await TestMedia.Mp4OfSizeAsync(52);
        Assert.True(new FileInfo(file).Length > CloudLimit);
        var url = _bot.Site.AddFile("clip-52.mp4", file);
        var user = _bot.Telegram.AddUser("Ana");

        _bot.Say(user, url);
        var status = await _bot.ReplyAsync(user, m => m.Kind == "text" && m.Text != "Extracting…"
            && !m.Text!.StartsWith("Downloading", StringComparison.Ordinal));
        await _bot.IdleAsync();

        var text = _bot.Telegram.Messages(user.Id).Single(m => m.MessageId == status.MessageId).Text!;
        Assert.Matches(@"^This video is 52(\.\d)? MB; the largest I can send is 50 MB\.\nPick a lower quality or audio only in /settings\.$", text);
        Assert.DoesNotContain(_bot.Telegram.Requests, r => r.Method == "sendVideo");
    }
}
