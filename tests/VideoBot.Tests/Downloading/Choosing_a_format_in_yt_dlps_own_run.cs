using System.Diagnostics;
using System.Text.Json;
using VideoBot.Host.Configuration;
using VideoBot.Host.Downloading;
using VideoBot.Host.Media;
using VideoBot.Host.YtDlp;

namespace VideoBot.Tests.Downloading;

/// <summary>
/// When one yt-dlp run describes and downloads a link, yt-dlp chooses the format from the job's selector
/// (<see cref="FormatSelector.YtDlpJobSpec"/>). The real yt-dlp chooses here from a described video (loaded, nothing fetched):
/// a ten-minute video in 1080p (80 MB), 720p (30 MB), 480p (10 MB), and sound alone.
/// </summary>
public sealed class Choosing_a_format_in_yt_dlps_own_run : IDisposable
{
    private const long Mb = 1000 * 1000;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<string> ChosenAsync(string selector)
    {
        var info = Path.Combine(_folder.Path, "video.info.json");
        await File.WriteAllTextAsync(info, JsonSerializer.Serialize(new
        {
            id = "x",
            title = "Ten minutes",
            extractor = "generic",
            extractor_key = "Generic",
            duration = 600,
            formats = new object[]
            {
                new { format_id = "audio", url = "http://127.0.0.1:9/a.m4a", ext = "m4a", protocol = "http", vcodec = "none", acodec = "mp4a.40.2", filesize = 4 * Mb, tbr = 53 },
                new { format_id = "ld", url = "http://127.0.0.1:9/ld.mp4", ext = "mp4", protocol = "http", vcodec = "avc1", acodec = "mp4a", height = 480, filesize = 10 * Mb, tbr = 133 },
                new { format_id = "sd", url = "http://127.0.0.1:9/sd.mp4", ext = "mp4", protocol = "http", vcodec = "avc1", acodec = "mp4a", height = 720, filesize = 30 * Mb, tbr = 400 },
                new { format_id = "hd", url = "http://127.0.0.1:9/hd.mp4", ext = "mp4", protocol = "http", vcodec = "avc1", acodec = "mp4a", height = 1080, filesize = 80 * Mb, tbr = 1066 },
            },
        }));
        var ytDlp = ExecutableLocator.Resolve(new YtDlpOptions().Path) ?? throw new InvalidOperationException("yt-dlp is not installed");
        var start = new ProcessStartInfo(ytDlp) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--ignore-config", "--load-info-json", info, "-f", selector, "--simulate", "--print", "format_id" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
        return output.Trim();
    }

    [Fact]
    public async Task The_best_quality_under_the_upload_limit_is_chosen()
    {
        Assert.Equal("sd", await ChosenAsync(FormatSelector.YtDlpJobSpec(new FormatPreferences(50 * Mb), clip: null)));
    }

    [Fact]
    public async Task The_users_quality_caps_the_height()
    {
        Assert.Equal("ld", await ChosenAsync(FormatSelector.YtDlpJobSpec(new FormatPreferences(50 * Mb, MaxHeight: 480), clip: null)));
    }

    [Fact]
    public async Task Sound_only_takes_the_sound_alone()
    {
        Assert.Equal("audio", await ChosenAsync(FormatSelector.YtDlpJobSpec(new FormatPreferences(50 * Mb, AudioOnly: true), clip: null)));
    }

    [Fact]
    public async Task Over_the_limit_in_every_format_the_smallest_is_chosen_for_the_size_cap_to_refuse_rather_than_no_format()
    {
        // The download then stops at --max-filesize, and the job goes on to its split (or its "too large" answer).
        Assert.Equal("ld", await ChosenAsync(FormatSelector.YtDlpJobSpec(new FormatPreferences(5 * Mb), clip: null)));
    }

    [Fact]
    public async Task A_clip_is_judged_by_the_size_of_its_part_so_a_minute_of_the_best_quality_fits()
    {
        // A minute of 1066 kbit/s is 8 MB: under 50 MB, though the whole file (80 MB) is not.
        Assert.Equal("hd", await ChosenAsync(FormatSelector.YtDlpJobSpec(new FormatPreferences(50 * Mb), clip: TimeSpan.FromMinutes(1))));
    }

    [Fact]
    public async Task A_long_clip_is_held_to_the_limit_as_well()
    {
        // Eight minutes of 1080p would be 64 MB; of 720p, 24 MB.
        Assert.Equal("sd", await ChosenAsync(FormatSelector.YtDlpJobSpec(new FormatPreferences(50 * Mb), clip: TimeSpan.FromMinutes(8))));
    }
}
