using VideoBot.FakeTelegram.Formatting;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

public sealed class Explaining_failures : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Limits:MaxDurationSeconds"] = "60",
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<string> StatusAfter(string url, string? languageCode = null)
    {
        var user = _bot.Telegram.AddUser("Ana", languageCode: languageCode);
        _bot.Say(user, url);
        var status = await _bot.ReplyAsync(user, m => m.Kind == "text" && m.Text != "Extracting…" && !m.Text!.StartsWith("Downloading", StringComparison.Ordinal));
        await _bot.IdleAsync();
        return _bot.Telegram.Messages(user.Id).Single(m => m.MessageId == status.MessageId).Text!;
    }

    [Fact]
    public async Task A_video_over_the_upload_limit_gets_both_sizes()
    {
        await _bot.StopBotAsync();
        _bot.Set("Telegram:UploadLimitBytes", "20000");
        await _bot.StartBotAsync();

        var text = await StatusAfter(_bot.Site.AddPage("big", "Big"));

        Assert.Matches(@"^This video is \d+ KB; the largest I can send is 20 KB\.\nPick a lower quality or audio only in /settings\.$", text);
        Assert.DoesNotContain(_bot.Telegram.Requests, r => r.Method == "sendVideo");
    }

    [Fact]
    public async Task A_video_over_the_duration_limit_is_not_downloaded()
    {
        var url = _bot.Site.AddPage("long", "Long", durationSeconds: 3600);

        var text = await StatusAfter(url);

        Assert.Equal("This video is 1:00:00 long; the longest I fetch is 1:00.", text);
        Assert.Equal(0, _bot.Site.RequestsFor("/media/clip.mp4"));
    }

    [Fact]
    public async Task A_missing_post_says_so_and_what_to_do()
    {
        var text = await StatusAfter(_bot.Site.Site.Url("/watch/nothing-here").AbsoluteUri);

        Assert.Equal("That post doesn't exist or was removed.\nCheck the link, or ask whoever shared it for a new one.", text);
    }

    [Fact]
    public async Task A_link_no_plugin_claims_is_unsupported_at_once()
    {
        await _bot.StopBotAsync();
        _bot.Set("Plugins:Disabled:0", "generic");
        await _bot.StartBotAsync();
        var user = _bot.Telegram.AddUser("Ana");

        _bot.Say(user, "https://unknown.example/v/1");
        var reply = await _bot.ReplyAsync(user, m => m.Kind == "text");

        Assert.Equal("I can't download from unknown.example.\nSend /help to see the sites I support.", reply.Text);
        Assert.DoesNotContain(_bot.Telegram.Requests, r => r.Method == "editMessageText");
    }

    [Fact]
    public async Task A_malformed_link_is_named_in_the_answer()
    {
        var user = _bot.Telegram.AddUser("Ana");
        const string text = "look at this";

        _bot.Say(user, text, [new TextEntity("text_link", 8, 4, Url: "ftp://files.example/clip.mp4")]);
        var reply = await _bot.ReplyAsync(user, m => m.Kind == "text");

        Assert.Equal("That doesn't look like a web address I can open: ftp://files.example/clip.mp4\nSend the full link, starting with https://.", reply.Text);
    }

    [Fact]
    public async Task Romanian_users_get_Romanian_messages()
    {
        var text = await StatusAfter(_bot.Site.Site.Url("/watch/nothing-here").AbsoluteUri, languageCode: "ro");

        Assert.Equal("Postarea nu există sau a fost ștearsă.\nVerifică linkul sau cere unul nou celui care l-a trimis.", text);
    }

    [Fact]
    public async Task Romanian_users_get_a_Romanian_caption()
    {
        var user = _bot.Telegram.AddUser("Ion", languageCode: "ro-RO");
        _bot.Say(user, _bot.Site.AddPage("ro", "Titlu"));

        var video = await _bot.ReplyAsync(user, m => m.Kind == "video");

        Assert.Equal("Titlu\nFixture TV\nSursa", video.Caption);
    }

    [Fact]
    public async Task No_error_message_leaks_paths_hosts_or_the_token()
    {
        var text = await StatusAfter(_bot.Site.Site.Url("/watch/nothing-here").AbsoluteUri);

        Assert.DoesNotContain(BotHarness.Token, text);
        Assert.DoesNotContain(_bot.StorageDirectory, text);
        Assert.DoesNotContain("127.0.0.1", text);
        Assert.DoesNotContain("Exception", text);
    }
}
