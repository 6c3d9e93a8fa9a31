using System.Security.Cryptography;
using VideoBot.FakeTelegram.Api;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

public sealed class Following_the_job : IAsyncLifetime
{
    private const int IntervalMs = 300;
    private BotHarness _bot = null!;

    public async Task InitializeAsync() =>
        _bot = await BotHarness.StartAsync(new Dictionary<string, string?> { ["Telegram:StatusEditIntervalMs"] = IntervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Progress_edits_are_throttled_and_never_repeat_a_text()
    {
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, _bot.Site.AddPage("slow", "Slow", media: "/media/slow.mp4", durationSeconds: 8));

        await _bot.ReplyAsync(user, m => m.Kind == "video");
        await _bot.IdleAsync();

        var sent = Assert.Single(Calls("sendMessage"));
        var edits = Calls("editMessageText");
        Assert.True(edits.Count >= 3, $"expected several progress edits, saw {edits.Count}");
        Assert.Contains(edits, e => e.Parameters["text"].StartsWith("Downloading ", StringComparison.Ordinal)
                                    && e.Parameters["text"].Contains("% of ", StringComparison.Ordinal));

        var previous = sent;
        foreach (var edit in edits)
        {
            // A little slack for loopback delivery; the bot itself spaces edits by the full interval.
            var gap = edit.ReceivedAt - previous.ReceivedAt;
            Assert.True(gap >= TimeSpan.FromMilliseconds(IntervalMs - 30), $"edit after {gap.TotalMilliseconds} ms");
            Assert.NotEqual(previous.Parameters["text"], edit.Parameters["text"]);
            previous = edit;
        }

        Assert.DoesNotContain(_bot.Telegram.Requests, r => r.ErrorDescription?.Contains("not modified", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_429_is_waited_out_and_the_call_retried()
    {
        _bot.Telegram.InjectError("sendVideo", 429, retryAfter: 1);
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, _bot.Site.AddPage("flood", "Flood"));

        var video = await _bot.ReplyAsync(user, m => m.Kind == "video");
        await _bot.IdleAsync();

        var calls = Calls("sendVideo");
        Assert.Equal([429, 200], calls.Select(c => c.StatusCode));
        var wait = calls[1].ReceivedAt - calls[0].ReceivedAt;
        Assert.True(wait >= TimeSpan.FromMilliseconds(990), $"retried after {wait.TotalMilliseconds} ms");
        // The retry uploads the whole file again, not a spent stream.
        Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(_bot.Site.ClipPath)), SHA256.HashData(_bot.Telegram.FileBytes(video.FileId!)!));
    }

    [Fact]
    public async Task Cancel_stops_a_running_download_and_cleans_up()
    {
        _bot.Site.SlowChunkDelay = TimeSpan.FromMilliseconds(500);
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, _bot.Site.AddPage("cancel", "Cancel me", media: "/media/slow.mp4", durationSeconds: 8));
        await _bot.ReplyAsync(user, m => m.Kind == "text" && m.Text!.StartsWith("Downloading", StringComparison.Ordinal));

        _bot.Say(user, "/cancel");
        var answer = await _bot.ReplyAsync(user, m => m.Text == "Stopped your downloads (1).");
        await _bot.IdleAsync();

        Assert.NotNull(answer);
        Assert.Contains(_bot.Telegram.Messages(user.Id), m => m.Text == "Cancelled.");
        Assert.DoesNotContain(_bot.Telegram.Messages(user.Id), m => m.Kind == "video");
        var temp = Path.Combine(_bot.StorageDirectory, "tmp");
        Assert.True(!Directory.Exists(temp) || Directory.GetFileSystemEntries(temp).Length == 0);
    }

    [Fact]
    public async Task Cancel_without_downloads_says_there_is_nothing_to_stop()
    {
        var user = _bot.Telegram.AddUser("Ana");
        _bot.Say(user, "/cancel");

        var answer = await _bot.ReplyAsync(user, m => m.Kind == "text");

        Assert.Equal("You have no downloads going.", answer.Text);
    }

    private List<LoggedRequest> Calls(string method) => [.. _bot.Telegram.Requests.Where(r => r.Method == method)];
}
