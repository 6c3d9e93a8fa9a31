using VideoBot.Tests.Downloading;
using VideoBot.Tests.Support;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

/// <summary><c>/clip LINK START-END</c>, and a link followed by a range, through the whole bot and the fake Bot API.</summary>
public sealed class Asking_for_a_clip : IAsyncLifetime
{
    private BotHarness _bot = null!;
    private FixtureSite _media = null!;

    public async Task InitializeAsync()
    {
        var video = await TestMedia.Mp4WithKeyframesAsync(seconds: 5);
        _media = await FixtureSite.StartAsync(app => app.MapGet("/five.mp4", () => FixtureSite.File(video, "video/mp4")));
        _bot = await BotHarness.StartAsync(new Dictionary<string, string?> { ["Limits:MaxClipSeconds"] = "60" });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _media.DisposeAsync();
    }

    [Fact]
    public async Task A_link_followed_by_a_range_sends_only_that_part()
    {
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, _media.Url("/five.mp4").AbsoluteUri + " 2-4");

        var video = await _bot.ReplyAsync(user, m => m.Kind == "video", seconds: 60);

        Assert.InRange(await DurationAsync(video.FileId!), 1.5, 2.5);
        Assert.Equal(2, video.Duration);
    }

    [Fact]
    public async Task A_precise_clip_is_re_encoded_to_start_where_asked()
    {
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, $"/clip {_media.Url("/five.mp4").AbsoluteUri} 0:01.5-0:03 precise");

        var video = await _bot.ReplyAsync(user, m => m.Kind == "video", seconds: 60);

        Assert.InRange(await DurationAsync(video.FileId!), 1.3, 1.7);
    }

    [Fact]
    public async Task Two_ranges_of_one_link_are_cached_apart_and_the_same_range_is_answered_by_file_id()
    {
        var url = _media.Url("/five.mp4").AbsoluteUri;
        var ana = _bot.Telegram.AddUser("Ana");
        var dan = _bot.Telegram.AddUser("Dan");
        _bot.Say(ana, $"/clip {url} 0-2");
        var first = await _bot.ReplyAsync(ana, m => m.Kind == "video", seconds: 60);
        await _bot.IdleAsync();
        _bot.Say(dan, $"/clip {url} 0-2");
        var again = await _bot.ReplyAsync(dan, m => m.Kind == "video", seconds: 60);
        await _bot.IdleAsync();
        _bot.Say(dan, $"/clip {url} 1-4");
        var other = await _bot.ReplyAsync(dan, m => m.Kind == "video" && m.MessageId != again.MessageId, seconds: 60);

        Assert.Equal(first.FileId, again.FileId);
        Assert.NotEqual(first.FileId, other.FileId);
        Assert.InRange(await DurationAsync(other.FileId!), 2.5, 3.5);
    }

    [Theory]
    [InlineData("5-2", "must come after its start")]
    [InlineData("0:10-99:99", "not a time I can read")]
    [InlineData("-1", "needs a start and an end")]
    [InlineData("0-2:00", "the longest I cut is 1:00")]
    public async Task A_bad_range_gets_a_clear_answer_and_nothing_is_fetched(string range, string answer)
    {
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, $"/clip {_media.Url("/five.mp4").AbsoluteUri} {range}");

        var reply = await _bot.ReplyAsync(user, m => m.Kind == "text");
        await _bot.IdleAsync();

        Assert.Contains(answer, reply.Text);
        Assert.DoesNotContain(_media.Requests, r => r == "/five.mp4");
    }

    [Fact]
    public async Task A_range_past_the_end_of_the_video_says_how_long_it_is()
    {
        var url = _bot.Site.AddPage("short", "Short one", durationSeconds: 2);
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, $"/clip {url} 0:05-0:10");

        var reply = await _bot.ReplyAsync(user, m => m.Kind == "text" && m.Text!.Contains("past the end", StringComparison.Ordinal));
        await _bot.IdleAsync();

        Assert.Contains("only 0:02 long", reply.Text);
        Assert.Equal(0, _bot.Site.RequestsFor("/media/clip.mp4"));
    }

    [Fact]
    public async Task A_short_clip_of_a_video_over_the_duration_limit_is_sent()
    {
        await _bot.StopBotAsync();
        _bot.Set("Limits:MaxDurationSeconds", "3");
        await _bot.StartBotAsync();
        var url = _bot.Site.AddPage("long", "Too long whole", durationSeconds: 8, media: "/media/slow.mp4");
        _bot.Site.SlowChunkDelay = TimeSpan.Zero;
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, url);
        var refusal = await _bot.ReplyAsync(user, m => m.Text?.Contains("the longest I fetch is 0:03", StringComparison.Ordinal) == true);

        _bot.Say(user, $"/clip {url} 0-2");
        var video = await _bot.ReplyAsync(user, m => m.Kind == "video", seconds: 60);

        Assert.NotNull(refusal);
        Assert.Equal(2, video.Duration);
    }

    [Fact]
    public async Task Clip_without_a_range_explains_itself_in_the_users_language()
    {
        var user = _bot.Telegram.AddUser("Ana", languageCode: "ro");
        _bot.Say(user, "/clip");

        var reply = await _bot.ReplyAsync(user, m => m.Kind == "text");

        Assert.StartsWith("Trimite /clip", reply.Text);
    }

    private async Task<double> DurationAsync(string fileId)
    {
        var path = Path.Combine(_bot.StorageDirectory, Guid.NewGuid().ToString("N") + ".mp4");
        await File.WriteAllBytesAsync(path, _bot.Telegram.FileBytes(fileId)!);
        return (await DownloadTestKit.ProbeAsync(path)).Duration;
    }
}
