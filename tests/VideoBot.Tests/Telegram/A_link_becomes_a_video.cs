using System.Security.Cryptography;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

public sealed class A_link_becomes_a_video : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_link_is_answered_with_the_sites_video_byte_for_byte()
    {
        var url = _bot.Site.AddPage("harbour", "Sunset over the harbour");
        var user = _bot.Telegram.AddUser("Ana");
        var sent = _bot.Say(user, url);

        var video = await _bot.ReplyAsync(user, m => m.Kind == "video");
        await _bot.IdleAsync();

        Assert.Equal(sent.MessageId, video.ReplyToMessageId);
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(_bot.Site.ClipPath)), SHA256.HashData(_bot.Telegram.FileBytes(video.FileId!)!));
        Assert.Equal(2, video.Duration);
        Assert.Equal(426, video.Width);
        Assert.Equal(240, video.Height);
        Assert.True(video.SupportsStreaming);
        Assert.Equal($"Sunset over the harbour\nFixture TV\nSource", video.Caption);
        Assert.NotNull(video.ThumbnailFileId);
    }

    [Fact]
    public async Task The_status_message_is_removed_once_the_video_is_sent()
    {
        var url = _bot.Site.AddPage("status", "Status");
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, url);

        await _bot.ReplyAsync(user, m => m.Kind == "video");
        await _bot.IdleAsync();

        var status = Assert.Single(_bot.Telegram.Requests, r => r.Method == "sendMessage");
        Assert.Equal("Extracting…", status.Parameters["text"]);
        Assert.Contains(_bot.Telegram.Requests, r => r.Method == "deleteMessage");
        Assert.Equal(["video"], _bot.Telegram.Messages(user.Id).Select(m => m.Kind));
    }

    [Fact]
    public async Task The_job_folder_is_removed_after_the_upload()
    {
        var url = _bot.Site.AddPage("clean", "Clean");
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, url);

        await _bot.ReplyAsync(user, m => m.Kind == "video");
        await _bot.IdleAsync();

        var temp = Path.Combine(_bot.StorageDirectory, "tmp");
        Assert.True(!Directory.Exists(temp) || Directory.GetFileSystemEntries(temp).Length == 0);
    }
}
