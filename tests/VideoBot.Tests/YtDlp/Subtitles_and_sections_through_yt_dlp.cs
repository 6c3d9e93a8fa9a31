using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using VideoBot.Host.Downloading;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.Support;
using VideoBot.Host.Media;

namespace VideoBot.Tests.YtDlp;

/// <summary>
/// Subtitles (<c>--write-subs --sub-langs LANG.*,en.*</c>, embedded as <c>mov_text</c> or kept as <c>.srt</c>) and clips
/// (<c>--download-sections</c>) through the real yt-dlp, from a page whose video has German and English tracks.
/// </summary>
public sealed class Subtitles_and_sections_through_yt_dlp
{
    private const long FiftyMb = 50L * 1024 * 1024;

    [Fact]
    public async Task Embedded_subtitles_become_mov_text_streams_of_the_mp4()
    {
        await using var site = await StartAsync();
        using var folder = new TempFolder();

        var file = await DownloadTestKit.Engine().DownloadAsync(Download(site, folder) with { Subtitles = new SubtitleRequest("de", Embed: true) }, null, CancellationToken.None);

        Assert.Equal("mp4", file.Container);
        Assert.Empty(file.SubtitleFiles);
        Assert.Contains("mov_text", await CodecsAsync(file.Path));
    }

    [Fact]
    public async Task Subtitles_as_a_file_are_kept_as_srt_in_the_users_language_and_english()
    {
        await using var site = await StartAsync();
        using var folder = new TempFolder();

        var file = await DownloadTestKit.Engine().DownloadAsync(Download(site, folder) with { Subtitles = new SubtitleRequest("de", Embed: false) }, null, CancellationToken.None);

        Assert.Equal(["media.de.srt", "media.en.srt"], file.SubtitleFiles.Select(Path.GetFileName));
        Assert.Contains("Hallo Welt", await File.ReadAllTextAsync(file.SubtitleFiles[0]));
        Assert.DoesNotContain("mov_text", await CodecsAsync(file.Path));
    }

    [Fact]
    public async Task A_language_without_subtitles_falls_back_to_english()
    {
        await using var site = await StartAsync();
        using var folder = new TempFolder();

        var file = await DownloadTestKit.Engine().DownloadAsync(Download(site, folder) with { Subtitles = new SubtitleRequest("ro", Embed: false) }, null, CancellationToken.None);

        Assert.Equal(["media.en.srt"], file.SubtitleFiles.Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_section_downloads_only_that_part()
    {
        await using var site = await StartAsync();
        using var folder = new TempFolder();

        var file = await DownloadTestKit.Engine().DownloadAsync(
            Download(site, folder) with { Section = new ClipRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)) }, null, CancellationToken.None);

        Assert.InRange((await DownloadTestKit.ProbeAsync(file.Path)).Duration, 1.5, 2.5);
    }

    [Fact]
    public void The_arguments_ask_for_the_language_then_english_and_never_for_automatic_captions()
    {
        Assert.Equal(["--write-subs", "--sub-langs", "pt.*,en.*", "--embed-subs"], YtDlpArguments.Subtitles(new SubtitleRequest("pt", true)));
        Assert.Equal(["--write-subs", "--sub-langs", "en.*", "--convert-subs", "srt"], YtDlpArguments.Subtitles(new SubtitleRequest("en", false)));
        // Only a bare language code reaches yt-dlp: its --sub-langs values are regular expressions.
        Assert.Equal("en.*", YtDlpArguments.Subtitles(new SubtitleRequest(".*|x", false)).ElementAt(2));
        Assert.Equal(["--download-sections", "*80-105.5", "--force-keyframes-at-cuts"],
            YtDlpArguments.Section(new ClipRange(TimeSpan.FromSeconds(80), TimeSpan.FromSeconds(105.5), Precise: true)));
    }

    private static YtDlpDownload Download(FixtureSite site, TempFolder folder) =>
        new(new YtDlpRequest(site.Url("/page.html")) { AllowGenericExtractor = true }, null, "best", folder.Path, "media", FiftyMb);

    private static async Task<FixtureSite> StartAsync()
    {
        var mp4 = await TestMedia.Mp4WithKeyframesAsync(seconds: 5);
        return await FixtureSite.StartAsync(app =>
        {
            app.MapGet("/page.html", () => Results.Content(
                """
                <html><head><title>Subbed</title></head><body>
                <video src="/clip.mp4">
                  <track kind="subtitles" src="/subs.de.vtt" srclang="de" label="Deutsch">
                  <track kind="subtitles" src="/subs.en.vtt" srclang="en" label="English">
                </video></body></html>
                """, "text/html"));
            app.MapGet("/clip.mp4", () => FixtureSite.File(mp4, "video/mp4"));
            app.MapGet("/subs.de.vtt", () => Results.Text("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHallo Welt\n", "text/vtt"));
            app.MapGet("/subs.en.vtt", () => Results.Text("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello world\n", "text/vtt"));
        });
    }

    private static async Task<string> CodecsAsync(string path)
    {
        var psi = new ProcessStartInfo("ffprobe")
        {
            ArgumentList = { "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", path },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
