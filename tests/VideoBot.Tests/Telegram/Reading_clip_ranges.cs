using VideoBot.Host.Caching;
using VideoBot.Host.Media;

namespace VideoBot.Tests.TelegramBot;

/// <summary>Ranges as users write them, and what becomes of them in the cache key.</summary>
public sealed class Reading_clip_ranges
{
    [Theory]
    [InlineData("1:20-1:45", 80, 105)]
    [InlineData("80-105", 80, 105)]
    [InlineData("0:01-0:03", 1, 3)]
    [InlineData("1:00:00-1:00:30", 3600, 3630)]
    [InlineData("1.5-3", 1.5, 3)]
    public void A_range_in_seconds_m_ss_or_h_mm_ss_is_read(string text, double start, double end)
    {
        var (range, error) = ClipRangeParser.Parse(text);

        Assert.Null(error);
        Assert.Equal(TimeSpan.FromSeconds(start), range!.Start);
        Assert.Equal(TimeSpan.FromSeconds(end), range.End);
    }

    [Theory]
    [InlineData("5-2", "EndBeforeStart")]
    [InlineData("3-3", "EndBeforeStart")]
    [InlineData("0:10-99:99", "BadTime")]
    [InlineData("1:2:3:4-5", "BadTime")]
    [InlineData("-1", "Shape")]
    [InlineData("5-", "Shape")]
    [InlineData("1-2-3", "Shape")]
    public void A_bad_range_says_what_is_wrong_with_it(string text, string expected) =>
        Assert.Equal(expected, ClipRangeParser.Parse(text).Error.ToString());

    [Fact]
    public void A_range_after_a_link_is_a_clip_but_a_time_in_a_comment_is_not()
    {
        const string link = "https://example.com/v/1";
        Assert.Equal(TimeSpan.FromSeconds(80), ClipText.Find($"{link} 1:20-1:45", [link]).Range!.Start);
        Assert.True(ClipText.Find($"/clip {link} 1:20-1:45 precise", [link]).Range!.Precise);
        Assert.False(ClipText.Find($"look at 1:20 {link}", [link]).Given);
        Assert.Equal(ClipRangeError.Shape, ClipText.Find($"{link} -1", [link]).Error);
        // The link's own digits and dashes are never read as a range.
        Assert.False(ClipText.Find("https://example.com/2024-05/7-8", ["https://example.com/2024-05/7-8"]).Given);
    }

    [Fact]
    public void A_stored_job_keeps_its_clip_and_media_settings_across_a_restart()
    {
        var settings = new UserSettings(720)
        {
            Clip = new ClipRange(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(3), Precise: true),
            Subtitles = SubtitleMode.File,
            SubtitleLanguage = "de",
            AudioFormat = AudioFormat.Mp3,
        };
        var job = new VideoBot.Host.Jobs.JobRecord("1", 2, 3, 4, "en", ["https://example.com/v"], settings);

        var read = VideoBot.Host.Jobs.JobJson.Read(VideoBot.Host.Jobs.JobJson.Write(job), 0, 1);

        Assert.Equal(settings, read.Settings);
        Assert.Equal(settings.Choice, read.Settings.Choice);
    }

    [Fact]
    public void The_cache_key_holds_the_range_and_how_it_was_cut()
    {
        var whole = new UserSettings();
        var clip = whole with { Clip = new ClipRange(TimeSpan.FromSeconds(80), TimeSpan.FromSeconds(105)) };

        Assert.Equal("video:best", whole.Choice);
        Assert.Equal("video:best:clip=80-105", clip.Choice);
        Assert.Equal("video:best:clip=80-105p", (clip with { Clip = clip.Clip! with { Precise = true } }).Choice);
        Assert.Equal("audio:mp3:clip=80-105", (clip with { AudioOnly = true, AudioFormat = AudioFormat.Mp3 }).Choice);
        Assert.Equal("video:720:subs=embedded.de", new UserSettings(720) { Subtitles = SubtitleMode.Embedded, SubtitleLanguage = "de" }.Choice);
    }
}
