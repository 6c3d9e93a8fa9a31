using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using VideoBot.FakeTelegram;
using VideoBot.FakeTelegram.State;
using VideoBot.Tests.Support;

namespace VideoBot.Tests.FakeTelegram;

public sealed class Sending_media : IAsyncLifetime
{
    private FakeBotApiServer _server = null!;
    private FakeChat _chat = null!;
    private TelegramBotClient _bot = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeBotApiServer.StartAsync(new FakeBotApiOptions { MaxUploadBytes = 2 * 1024 * 1024 });
        _chat = _server.PrivateChat(_server.AddUser());
        _bot = FakeTelegramClient.For(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_uploaded_video_keeps_its_exact_bytes_and_its_file_id_can_be_sent_again()
    {
        var bytes = await File.ReadAllBytesAsync(await TestMedia.Mp4Async());
        var otherChat = _server.PrivateChat(_server.AddUser("Eve"));

        await using var stream = new MemoryStream(bytes);
        var sent = await _bot.SendVideo(_chat.Id, InputFile.FromStream(stream, "clip.mp4"),
            caption: "<b>Clip</b> &amp; more", parseMode: ParseMode.Html, duration: 2, width: 426, height: 240, supportsStreaming: true);
        var again = await _bot.SendVideo(otherChat.Id, InputFile.FromFileId(sent.Video!.FileId));

        Assert.Equal(bytes, _server.FileBytes(sent.Video.FileId));
        Assert.Equal((2, 426, 240), (sent.Video.Duration, sent.Video.Width, sent.Video.Height));
        Assert.Equal("clip.mp4", sent.Video.FileName);
        Assert.Equal(bytes.Length, sent.Video.FileSize);
        Assert.Equal("Clip & more", sent.Caption);
        Assert.Equal(MessageEntityType.Bold, Assert.Single(sent.CaptionEntities!).Type);
        Assert.Equal(sent.Video.FileId, again.Video!.FileId);
        Assert.Equal(sent.Video.FileUniqueId, again.Video.FileUniqueId);
        var stored = Assert.Single(_server.Messages(otherChat.Id));
        Assert.Equal(("video", sent.Video.FileId), (stored.Kind, stored.FileId));
        var upload = _server.Requests.First(r => r.Method == "sendVideo");
        Assert.Contains($"size={bytes.Length} sha256=", upload.Parameters.Values.Single(v => v.StartsWith("file ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFile_and_the_file_url_hand_back_the_uploaded_bytes()
    {
        var bytes = await File.ReadAllBytesAsync(await TestMedia.JpegAsync());
        await using var stream = new MemoryStream(bytes);
        var sent = await _bot.SendPhoto(_chat.Id, InputFile.FromStream(stream, "still.jpg"), hasSpoiler: true);

        var photo = Assert.Single(sent.Photo!);
        var file = await _bot.GetFile(photo.FileId);
        using var downloaded = new MemoryStream();
        await _bot.DownloadFile(file.FilePath!, downloaded);

        Assert.Equal((320, 240), (photo.Width, photo.Height));
        Assert.True(sent.HasMediaSpoiler);
        Assert.Equal(bytes.Length, file.FileSize);
        Assert.Equal(bytes, downloaded.ToArray());
    }

    [Fact]
    public async Task An_unknown_file_id_is_a_wrong_file_identifier()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() =>
            _bot.SendVideo(_chat.Id, InputFile.FromFileId("BAACAgIAAxkDAAIdoesNotExist")));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal("Bad Request: wrong file identifier/HTTP URL specified", error.Message);
    }

    [Fact]
    public async Task A_file_id_of_another_type_is_a_type_mismatch()
    {
        var bytes = await File.ReadAllBytesAsync(await TestMedia.JpegAsync());
        await using var stream = new MemoryStream(bytes);
        var photo = await _bot.SendPhoto(_chat.Id, InputFile.FromStream(stream, "still.jpg"));

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendVideo(_chat.Id, InputFile.FromFileId(photo.Photo![0].FileId)));

        Assert.Equal("Bad Request: type of file mismatch", error.Message);
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_with_413()
    {
        await using var stream = new MemoryStream(new byte[3 * 1024 * 1024]);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendDocument(_chat.Id, InputFile.FromStream(stream, "big.bin")));

        Assert.Equal(413, error.ErrorCode);
        Assert.Equal("Request Entity Too Large", error.Message);
        Assert.Empty(_server.Messages(_chat.Id));
    }

    [Fact]
    public async Task A_caption_over_1024_characters_is_too_long()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() =>
            _bot.SendVideo(_chat.Id, InputFile.FromUri("https://cdn.example.com/v.mp4"), caption: new string('c', 1025)));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal("Bad Request: message caption is too long", error.Message);
    }

    [Fact]
    public async Task A_url_is_accepted_as_a_file_without_bytes()
    {
        var sent = await _bot.SendDocument(_chat.Id, InputFile.FromUri("https://cdn.example.com/files/report.pdf"));

        Assert.Equal("report.pdf", sent.Document!.FileName);
        Assert.Null(_server.FileBytes(sent.Document.FileId));
        Assert.Equal("https://cdn.example.com/files/report.pdf", _server.File(sent.Document.FileId)!.Url);
    }

    [Fact]
    public async Task A_media_group_uploads_every_attachment_and_shares_one_group_id()
    {
        var video = await File.ReadAllBytesAsync(await TestMedia.Mp4Async());
        var jpeg = await File.ReadAllBytesAsync(await TestMedia.JpegAsync());
        await using var videoStream = new MemoryStream(video);
        await using var jpegStream = new MemoryStream(jpeg);

        var sent = await _bot.SendMediaGroup(_chat.Id,
        [
            new InputMediaVideo(InputFile.FromStream(videoStream, "a.mp4")) { Caption = "<i>part 1</i>", ParseMode = ParseMode.Html },
            new InputMediaPhoto(InputFile.FromStream(jpegStream, "b.jpg")),
        ]);

        Assert.Equal(2, sent.Length);
        Assert.Equal(sent[0].MessageId + 1, sent[1].MessageId);
        Assert.NotNull(sent[0].MediaGroupId);
        Assert.Equal(sent[0].MediaGroupId, sent[1].MediaGroupId);
        Assert.Equal("part 1", sent[0].Caption);
        Assert.Equal(video, _server.FileBytes(sent[0].Video!.FileId));
        Assert.Equal(jpeg, _server.FileBytes(sent[1].Photo![0].FileId));
    }

    [Fact]
    public async Task A_media_group_of_eleven_is_too_many_and_documents_do_not_mix()
    {
        var url = InputFile.FromUri("https://cdn.example.com/p.jpg");
        var eleven = Enumerable.Range(0, 11).Select(_ => (IAlbumInputMedia)new InputMediaPhoto(url)).ToArray();

        var tooMany = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMediaGroup(_chat.Id, eleven));
        var mixed = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMediaGroup(_chat.Id,
            [new InputMediaPhoto(url), new InputMediaDocument(InputFile.FromUri("https://cdn.example.com/d.pdf"))]));

        Assert.Equal("Bad Request: too many messages to send as an album", tooMany.Message);
        Assert.Equal("Bad Request: document can't be mixed with other media types", mixed.Message);
    }
}
