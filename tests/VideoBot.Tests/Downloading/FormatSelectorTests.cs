using VideoBot.Host.Downloading;
using VideoBot.Sdk.Media;
using VideoBot.Host.Media;

namespace VideoBot.Tests.Downloading;

public sealed class FormatSelectorTests
{
    private const long Mb = 1024 * 1024;

    private static MediaFormat F(string id, int? height = null, long? size = null, string? vcodec = "avc1.64001F", string? acodec = "mp4a.40.2",
        string container = "mp4", long? bitrate = null, bool estimate = false, int? width = null) => new()
    {
        FormatId = id,
        Url = new Uri($"https://cdn.example/{id}"),
        Height = height,
        Width = width,
        Size = size,
        SizeIsEstimate = estimate,
        VideoCodec = vcodec,
        AudioCodec = acodec,
        Container = container,
        Bitrate = bitrate,
    };

    private static string[] Ids(IEnumerable<MediaFormat> formats) => [.. formats.Select(f => f.FormatId!)];

    private static MediaItem Video(params MediaFormat[] formats) => new() { Formats = formats, Duration = TimeSpan.FromSeconds(100) };

    [Fact]
    public void The_best_quality_that_fits_comes_first_then_lower_ones()
    {
        var item = Video(F("480", 480, 20 * Mb), F("1080", 1080, 80 * Mb), F("720", 720, 40 * Mb), F("360", 360, 10 * Mb));

        Assert.Equal(["720", "480", "360"], Ids(FormatSelector.Rank(item, new FormatPreferences(50 * Mb))));
    }

    [Fact]
    public void A_format_known_to_be_too_big_is_never_offered()
    {
        var item = Video(F("1080", 1080, 80 * Mb), F("720", 720, 60 * Mb));

        Assert.Empty(FormatSelector.Rank(item, new FormatPreferences(50 * Mb)));
    }

    [Fact]
    public void A_format_of_unknown_size_follows_the_fitting_ones_of_the_same_height_and_precedes_lower_ones()
    {
        var item = Video(F("480", 480, 20 * Mb), F("720-unknown", 720), F("720", 720, 40 * Mb));

        Assert.Equal(["720", "720-unknown", "480"], Ids(FormatSelector.Rank(item, new FormatPreferences(50 * Mb))));
    }

    [Fact]
    public void Sizes_are_estimated_from_bitrate_and_duration_and_an_estimate_over_the_limit_is_tried_last()
    {
        // 100 s at 8 Mbit/s is 100 MB; at 2 Mbit/s, 25 MB.
        var item = Video(F("720", 720, bitrate: 8_000_000), F("480", 480, bitrate: 2_000_000));

        Assert.Equal(["480", "720"], Ids(FormatSelector.Rank(item, new FormatPreferences(50 * Mb))));
    }

    [Fact]
    public void Audio_only_puts_audio_formats_first_preferring_m4a()
    {
        var item = Video(
            F("muxed", 360, 5 * Mb),
            F("opus", vcodec: "none", acodec: "opus", container: "webm", bitrate: 160_000, size: 2 * Mb),
            F("m4a", vcodec: "none", acodec: "mp4a.40.2", container: "m4a", bitrate: 128_000, size: 2 * Mb),
            F("video-only", 720, 9 * Mb, acodec: "none"));

        Assert.Equal(["m4a", "opus"], Ids(FormatSelector.Rank(item, new FormatPreferences(50 * Mb, AudioOnly: true))));
    }

    [Fact]
    public void Audio_only_without_audio_formats_takes_the_smallest_format_with_sound()
    {
        var item = Video(F("720", 720, 30 * Mb), F("360", 360, 8 * Mb), F("silent", 240, 1 * Mb, acodec: "none"));

        Assert.Equal(["360", "720"], Ids(FormatSelector.Rank(item, new FormatPreferences(50 * Mb, AudioOnly: true))));
    }

    [Fact]
    public void The_height_cap_leaves_out_taller_formats()
    {
        var item = Video(F("1080", 1080, 30 * Mb), F("720", 720, 20 * Mb), F("480", 480, 10 * Mb));

        Assert.Equal(["720", "480"], Ids(FormatSelector.Rank(item, new FormatPreferences(50 * Mb, MaxHeight: 720))));
    }

    [Fact]
    public void At_equal_height_h264_in_mp4_beats_webm_and_av1()
    {
        var item = Video(
            F("vp9", 720, 20 * Mb, vcodec: "vp9", acodec: "opus", container: "webm", bitrate: 3_000_000),
            F("av1", 720, 20 * Mb, vcodec: "av01.0.05M.08", container: "mp4", bitrate: 3_000_000),
            F("h264", 720, 20 * Mb, bitrate: 2_000_000));

        Assert.Equal(["h264", "av1", "vp9"], Ids(FormatSelector.Rank(item, new FormatPreferences(50 * Mb))));
    }

    [Fact]
    public void A_video_without_sound_ranks_after_lower_formats_with_sound_unless_yt_dlp_merges_audio()
    {
        var item = Video(
            F("1080-video", 1080, 30 * Mb, acodec: "none"),
            F("360", 360, 8 * Mb),
            F("audio", vcodec: "none", acodec: "mp4a.40.2", container: "m4a", size: 3 * Mb));

        Assert.Equal(["360", "1080-video"], Ids(FormatSelector.Rank(item, new FormatPreferences(50 * Mb))));
        Assert.Equal(["1080-video", "360"], Ids(FormatSelector.Rank(item, new FormatPreferences(50 * Mb, MergeAudio: true))));
    }

    [Fact]
    public void When_merging_the_audio_track_counts_towards_the_limit()
    {
        var item = Video(
            F("720-video", 720, 48 * Mb, acodec: "none"),
            F("480", 480, 20 * Mb),
            F("audio", vcodec: "none", acodec: "mp4a.40.2", container: "m4a", size: 5 * Mb));

        Assert.Equal(["480"], Ids(FormatSelector.Rank(item, new FormatPreferences(50 * Mb, MergeAudio: true))));
    }

    [Fact]
    public void Images_come_largest_first()
    {
        var item = new MediaItem
        {
            Kind = MediaKind.Image,
            Formats = [F("small", 240, width: 320, container: "jpg"), F("large", 1080, width: 1440, container: "jpg"), F("huge", 4000, 60 * Mb, width: 6000, container: "jpg")],
        };

        Assert.Equal(["large", "small"], Ids(FormatSelector.Rank(item, new FormatPreferences(50 * Mb))));
    }

    [Fact]
    public void The_yt_dlp_selector_caps_every_alternative_by_size_and_height()
    {
        var spec = FormatSelector.YtDlpFormatSpec(new FormatPreferences(50 * Mb, MaxHeight: 720));

        var alternatives = spec.Split('/');
        Assert.Equal("bv*[height<=?720][filesize<?47185920][filesize_approx<?47185920][ext=mp4]+ba[filesize<?5242880][filesize_approx<?5242880][ext=m4a]", alternatives[0]);
        Assert.All(alternatives, a => Assert.Contains("[filesize<?", a, StringComparison.Ordinal));
        Assert.Equal("w[filesize<?52428800][filesize_approx<?52428800]", alternatives[^1]);
    }

    [Fact]
    public void The_audio_selector_asks_for_audio_first()
    {
        var spec = FormatSelector.YtDlpFormatSpec(new FormatPreferences(10 * Mb, AudioOnly: true));

        Assert.StartsWith("ba[ext=m4a][filesize<?10485760]", spec, StringComparison.Ordinal);
    }
}
