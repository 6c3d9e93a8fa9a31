using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using VideoBot.Tests.Downloading;
using VideoBot.Tests.Support;
using VideoBot.Tests.TelegramBot.Support;
using VideoBot.Tests.YtDlp;

namespace VideoBot.Tests.TelegramBot;

/// <summary>
/// A link the generic plugin hands to yt-dlp (a JW Player page on loopback, which only yt-dlp reads) costs one yt-dlp run: it
/// describes the page and downloads the bot's choice, expressed as a format selector. The real yt-dlp runs behind a wrapper that
/// logs each run; the site counts each page view.
/// </summary>
public sealed class Running_yt_dlp_once_per_link : IAsyncLifetime
{
    private readonly TempFolder _bin = new();
    private FixtureSite _site = null!;
    private string _wrapper = null!;

    public async Task InitializeAsync()
    {
        var mp4 = await TestMedia.Mp4Async();
        _site = await FixtureSite.StartAsync(app =>
        {
            app.MapGet("/jw/{name}", (string name) => Microsoft.AspNetCore.Http.Results.Content(
                $$"""
                <!doctype html>
                <html><head><title>{{name}} | Player TV</title></head><body><div id="player"></div>
                <script>jwplayer("player").setup({"file": "/media/clip.mp4", "title": "The {{name}} clip", "duration": 2});</script>
                </body></html>
                """, "text/html; charset=utf-8"));
            app.MapGet("/media/clip.mp4", () => FixtureSite.File(mp4, "video/mp4"));
        });
        var real = Host.YtDlp.ExecutableLocator.Resolve(new Host.Configuration.YtDlpOptions().Path)
            ?? throw new InvalidOperationException("yt-dlp is not installed");
        _wrapper = await StandIn.WriteAsync(_bin.Path, $"printf '%s\\n' \"$*\" >> '{RunLog}'\nexec '{real}' \"$@\"\n");
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        _bin.Dispose();
    }

    private string RunLog => Path.Combine(_bin.Path, "runs");

    /// <summary>yt-dlp's runs for media (the capability checks, --version, --help and the impersonation list, left out).</summary>
    private List<string> Runs() => File.Exists(RunLog)
        ? [.. File.ReadAllLines(RunLog).Where(l => !l.Contains("--version") && !l.Contains("--help") && !l.Contains("--list-impersonate-targets"))]
        : [];

    private int PageViews(string name) => _site.Requests.Count(r => r == "/jw/" + name);

    private Task<BotHarness> StartBotAsync(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["YtDlp:Path"] = _wrapper };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return BotHarness.StartAsync(all);
    }

    [Fact]
    public async Task A_delegated_link_is_described_and_downloaded_by_one_yt_dlp_run()
    {
        await using var bot = await StartBotAsync();
        var user = bot.Telegram.AddUser("Ana");
        bot.Say(user, _site.Url("/jw/harbour").AbsoluteUri);

        var video = await bot.ReplyAsync(user, m => m.Kind == "video", seconds: 90);
        await bot.IdleAsync();

        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(await TestMedia.Mp4Async())), SHA256.HashData(bot.Telegram.FileBytes(video.FileId!)!));
        Assert.StartsWith("The harbour clip", video.Caption);
        Assert.Equal(2, video.Duration);
        var run = Assert.Single(Runs());
        Assert.Contains(" -j --no-simulate ", run);
        Assert.Contains(" --max-filesize ", run);
        Assert.EndsWith("-- " + _site.Url("/jw/harbour").AbsoluteUri, run);
        Assert.Equal(2, PageViews("harbour")); // the plugin's own look, then yt-dlp's one extraction
        var temp = Path.Combine(bot.StorageDirectory, "tmp");
        Assert.True(!Directory.Exists(temp) || Directory.GetFileSystemEntries(temp).Length == 0);
    }

    [Fact]
    public async Task A_second_user_asking_for_the_same_link_in_another_choice_loads_the_description_the_run_printed()
    {
        await using var bot = await StartBotAsync();
        var ana = bot.Telegram.AddUser("Ana");
        var link = _site.Url("/jw/quay").AbsoluteUri;
        bot.Say(ana, link);
        await bot.ReplyAsync(ana, m => m.Kind == "video", seconds: 90);
        await bot.IdleAsync();

        // Another choice is another file: the cached description is downloaded without reading the page again.
        var ben = bot.Telegram.AddUser("Ben");
        bot.Say(ben, $"/clip {link} 0-1");
        await bot.ReplyAsync(ben, m => m.Kind == "video", seconds: 90);
        await bot.IdleAsync();

        var runs = Runs();
        Assert.Equal(2, runs.Count);
        Assert.Contains(" -j --no-simulate ", runs[0]);
        Assert.Contains(" --load-info-json ", runs[1]);
        Assert.Contains(" --download-sections ", runs[1]);
        Assert.Equal(2, PageViews("quay"));
    }

    [Fact]
    public async Task A_delegated_video_over_the_upload_limit_is_refused_as_too_large_without_a_second_extraction()
    {
        await using var bot = await StartBotAsync(("Telegram:UploadLimitBytes", "20000"), ("Telegram:SplitLargeFiles", "false"));
        var user = bot.Telegram.AddUser("Ana");
        bot.Say(user, _site.Url("/jw/pier").AbsoluteUri);

        var answer = await bot.ReplyAsync(user, m => m.Text?.Contains("the largest I can send", StringComparison.Ordinal) == true, seconds: 90);
        await bot.IdleAsync();

        Assert.DoesNotContain(bot.Telegram.Messages(user.Id), m => m.Kind == "video");
        Assert.Equal(2, PageViews("pier"));
        Assert.All(Runs().Skip(1), r => Assert.Contains(" --load-info-json ", r)); // the lower formats load the description
        Assert.NotNull(answer);
    }

    [Fact]
    public async Task A_delegated_video_longer_than_the_limit_is_refused_and_its_run_stopped()
    {
        await using var bot = await StartBotAsync(("Limits:MaxDurationSeconds", "1"));
        var user = bot.Telegram.AddUser("Ana");
        bot.Say(user, _site.Url("/jw/dock").AbsoluteUri);

        await bot.ReplyAsync(user, m => m.Text?.Contains("the longest I fetch is", StringComparison.Ordinal) == true, seconds: 90);
        await bot.IdleAsync();

        Assert.DoesNotContain(bot.Telegram.Messages(user.Id), m => m.Kind == "video");
        Assert.Single(Runs());
        var temp = Path.Combine(bot.StorageDirectory, "tmp");
        Assert.True(!Directory.Exists(temp) || Directory.GetFileSystemEntries(temp).Length == 0);
    }
}
