using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Caching;
using VideoBot.Tests.Support;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

/// <summary>
/// A TikTok photo slideshow, read by the repository's tiktok plugin from a page served on loopback (the site's origin
/// overridden to it) with ffmpeg-made photos and sound: sent as albums of at most ten photos and the sound as an audio, or, with
/// "Slideshows as video" on, as one video ffmpeg renders from them.
/// </summary>
public sealed class Sending_photo_slideshows : IAsyncLifetime
{
    private const string PostUrl = "https://www.tiktok.com/@someone/photo/7291516244386041121";
    private static readonly (int Width, int Height)[] Sizes = [(640, 480), (480, 640), (320, 320), (640, 360), (360, 640), (500, 400), (400, 500), (300, 200), (200, 300), (640, 480), (480, 640), (320, 240)];

    private BotHarness _bot = null!;
    private FixtureSite _tiktok = null!;

    public async Task InitializeAsync()
    {
        var photos = new List<string>();
        foreach (var (width, height) in Sizes)
        {
            photos.Add(await TestMedia.PhotoAsync(width, height));
        }

        var sound = await TestMedia.Mp3Async(3);
        FixtureSite? site = null;
        _tiktok = site = await FixtureSite.StartAsync(app =>
        {
            app.MapGet("/@someone/photo/7291516244386041121", () => Results.Content(Page(site!), "text/html; charset=utf-8"));
            app.MapGet("/img/{n:int}.jpeg", (int n) => n >= 1 && n <= photos.Count ? FixtureSite.File(photos[n - 1], "image/jpeg") : Results.NotFound());
            app.MapGet("/music/sound.mp3", () => FixtureSite.File(sound, "audio/mpeg"));
        });
        _bot = await BotHarness.StartAsync(
            new Dictionary<string, string?> { ["Network:OriginOverrides:https://www.tiktok.com"] = _tiktok.BaseUrl.GetLeftPart(UriPartial.Authority) },
            startBot: false);
        CopyPlugin("tiktok");
        await _bot.StartBotAsync();
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _tiktok.DisposeAsync();
    }

    [Fact]
    public async Task The_photos_come_as_albums_of_ten_and_the_sound_as_an_audio()
    {
        var ana = _bot.Telegram.AddUser("Ana");
        _bot.Say(ana, PostUrl + "?is_from_webapp=1");

        await _bot.ReplyAsync(ana, m => m.Kind == "audio", seconds: 60);
        await _bot.IdleAsync();

        var sent = _bot.Telegram.Messages(ana.Id);
        var photos = sent.Where(m => m.Kind == "photo").ToList();
        Assert.Equal(12, photos.Count);
        Assert.Equal([10, 2], photos.GroupBy(p => p.MediaGroupId).Select(g => g.Count()));
        Assert.StartsWith("Three views of the harbour\nSomeone", photos[0].Caption, StringComparison.Ordinal);
        var audio = Assert.Single(sent, m => m.Kind == "audio");
        Assert.True(audio.MessageId > photos[^1].MessageId, "the sound comes after the photos");
        Assert.Equal(3, audio.Duration);
    }

    [Fact]
    public async Task With_slideshows_as_video_one_video_of_the_photos_carries_the_sound()
    {
        var ana = _bot.Telegram.AddUser("Ana");
        _bot.Say(ana, "/settings");
        var menu = await _bot.ReplyAsync(ana, m => m.Text?.StartsWith("Settings", StringComparison.Ordinal) == true);
        Assert.Contains("Slideshows as video: off", menu.Text, StringComparison.Ordinal);
        var press = _bot.Telegram.SendCallbackQuery(_bot.Telegram.PrivateChat(ana), ana, menu.MessageId, "s:slides:1");
        await _bot.Telegram.WaitForAsync(() => _bot.Telegram.CallbackAnswer(press) is { } a ? Tuple.Create(a) : null, TimeSpan.FromSeconds(10), "the settings answer");
        await _bot.Telegram.WaitForAsync(
            () => _bot.Telegram.Messages(ana.Id).Single(m => m.MessageId == menu.MessageId).Text!.Contains("Slideshows as video: on", StringComparison.Ordinal) ? "redrawn" : null,
            TimeSpan.FromSeconds(10), "the settings redrawn");

        _bot.Say(ana, PostUrl);
        var video = await _bot.ReplyAsync(ana, m => m.Kind == "video", seconds: 120);
        await _bot.IdleAsync();

        Assert.DoesNotContain(_bot.Telegram.Messages(ana.Id), m => m.Kind is "photo" or "audio");
        Assert.StartsWith("Three views of the harbour", video.Caption, StringComparison.Ordinal);
        var probe = await ProbeAsync(_bot.Telegram.FileBytes(video.FileId!)!);
        var streams = probe["streams"]!.AsArray();
        var picture = streams.Single(s => s!["codec_type"]!.GetValue<string>() == "video")!;
        Assert.Equal("h264", picture["codec_name"]!.GetValue<string>());
        Assert.Equal((640, 480), (picture["width"]!.GetValue<int>(), picture["height"]!.GetValue<int>())); // the first photo's frame
        Assert.Contains(streams, s => s!["codec_type"]!.GetValue<string>() == "audio" && s["codec_name"]!.GetValue<string>() == "aac");
        var seconds = double.Parse(probe["format"]!["duration"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 2.5, 3.6); // the sound's length, shared by the twelve photos

        // Another user without the setting gets the album: the two answers are cached apart.
        var dan = _bot.Telegram.AddUser("Dan");
        _bot.Say(dan, PostUrl);
        await _bot.ReplyAsync(dan, m => m.Kind == "audio", seconds: 60);
        Assert.Equal(12, _bot.Telegram.Messages(dan.Id).Count(m => m.Kind == "photo"));
    }

    [Fact]
    public async Task A_removed_slideshow_is_explained()
    {
        var ana = _bot.Telegram.AddUser("Ana");
        _bot.Say(ana, "https://www.tiktok.com/@someone/photo/7291516244386041199");

        var answer = await _bot.ReplyAsync(ana, m => m.Text?.Contains("doesn't exist", StringComparison.Ordinal) == true, seconds: 60);

        Assert.NotNull(answer);
    }

    private static string Page(FixtureSite site)
    {
        // As TikTok's web app embeds a photo post; the CDN URLs point at this site.
        var images = new JsonArray([.. Sizes.Select((size, i) => (JsonNode)new JsonObject
        {
            ["imageURL"] = new JsonObject { ["urlList"] = new JsonArray(site.Url($"/img/{i + 1}.jpeg").AbsoluteUri) },
            ["imageWidth"] = size.Width,
            ["imageHeight"] = size.Height,
        })]);
        var item = new JsonObject
        {
            ["id"] = "7291516244386041121",
            ["desc"] = "Three views of the harbour",
            ["createTime"] = "1697800000",
            ["author"] = new JsonObject { ["uniqueId"] = "someone", ["nickname"] = "Someone" },
            ["music"] = new JsonObject { ["title"] = "original sound - someone", ["duration"] = 3, ["playUrl"] = site.Url("/music/sound.mp3").AbsoluteUri },
            ["imagePost"] = new JsonObject { ["images"] = images },
        };
        var data = new JsonObject
        {
            ["__DEFAULT_SCOPE__"] = new JsonObject
            {
                ["webapp.video-detail"] = new JsonObject { ["statusCode"] = 0, ["itemInfo"] = new JsonObject { ["itemStruct"] = item } },
            },
        };
        return $"""<!DOCTYPE html><html><head><title>TikTok</title></head><body><script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">{data.ToJsonString()}</script></body></html>""";
    }

    private void CopyPlugin(string id)
    {
        var source = VideoBot.Tests.Plugins.RepoPaths.Plugin(id);
        var target = Path.Combine(_bot.StorageDirectory + "-plugins", id);
        Directory.CreateDirectory(target);
        File.Copy(Path.Combine(source, "extractor.js"), Path.Combine(target, "extractor.js"));
        // As the harness does for the generic plugin: the script unchanged, the manifest without its schema link and fixture tests.
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(source, "plugin.json")))!.AsObject();
        manifest.Remove("$schema");
        manifest.Remove("tests");
        File.WriteAllText(Path.Combine(target, "plugin.json"), manifest.ToJsonString());
    }

    private static async Task<JsonNode> ProbeAsync(byte[] video)
    {
        var path = Path.Combine(Path.GetTempPath(), "videobot-slideshow-" + Guid.NewGuid().ToString("N") + ".mp4");
        await File.WriteAllBytesAsync(path, video);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("ffprobe", ["-v", "error", "-show_streams", "-show_format", "-of", "json", path])
            {
                RedirectStandardOutput = true,
            })!;
            var json = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return JsonNode.Parse(json)!;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
