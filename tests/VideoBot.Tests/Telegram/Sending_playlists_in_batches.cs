using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using VideoBot.FakeTelegram.State;
using VideoBot.Tests.Support;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

/// <summary>
/// A playlist link (here an RSS feed on loopback, which the real yt-dlp lists with its generic extractor) is answered with its
/// length and a button for the first <c>Telegram:PlaylistBatch</c> videos, then one for the next batch; each video is then a
/// link of its own, with its own cache entry.
/// </summary>
public sealed class Sending_playlists_in_batches : IAsyncLifetime
{
    private BotHarness _bot = null!;
    private FixtureSite _feeds = null!;
    private readonly List<string> _items = [];

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.StartAsync(new Dictionary<string, string?> { ["Telegram:PlaylistBatch"] = "3" });
        _feeds = await FixtureSite.StartAsync(app => app.MapGet("/shows/feed.rss", () => Results.Content(Feed(), "application/rss+xml")));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _feeds.DisposeAsync();
    }

    [Fact]
    public async Task The_playlist_is_offered_then_sent_batch_by_batch_to_its_user_only()
    {
        for (var i = 1; i <= 4; i++)
        {
            _items.Add(_bot.Site.AddPage("ep" + i, "Episode " + i));
        }

        var ana = _bot.Telegram.AddUser("Ana");
        var dan = _bot.Telegram.AddUser("Dan");
        var group = _bot.Telegram.AddGroup("Shows");
        var mention = "@" + _bot.Telegram.Bot.Username + " ";
        _bot.Telegram.SendUserMessage(group, ana, mention + _feeds.Url("/shows/feed.rss").AbsoluteUri);

        var offer = await Reply(group, m => m.Text?.StartsWith("This playlist has", StringComparison.Ordinal) == true);
        Assert.Equal("This playlist has 4 videos: Fixture shows", offer.Text);
        var (first, firstData) = Button(offer);
        Assert.Equal("Send the first 3", first);
        Assert.Matches("^pl:n:[A-Za-z0-9_-]{10}:0$", firstData);
        Assert.Equal(0, _bot.Site.RequestsFor("/watch/ep1")); // listed, not fetched

        var stranger = _bot.Telegram.SendCallbackQuery(group, dan, offer.MessageId, firstData);
        Assert.Equal("Only the person who sent this link can choose.", (await AnswerAsync(stranger)).Text);

        _bot.Telegram.SendCallbackQuery(group, ana, offer.MessageId, firstData);
        await _bot.Telegram.WaitForAsync(() => _bot.Telegram.Messages(group.Id).Count(m => m.Kind == "video") == 3 ? "three" : null, TimeSpan.FromSeconds(60), "three videos");
        await _bot.IdleAsync();
        var edited = _bot.Telegram.Messages(group.Id).Single(m => m.MessageId == offer.MessageId);
        Assert.Equal("Sending videos 1–3 of 4.", edited.Text);
        var (next, nextData) = Button(edited);
        Assert.Equal("Send the next 1", next);

        _bot.Telegram.SendCallbackQuery(group, ana, offer.MessageId, nextData);
        await _bot.Telegram.WaitForAsync(() => _bot.Telegram.Messages(group.Id).Count(m => m.Kind == "video") == 4 ? "four" : null, TimeSpan.FromSeconds(60), "four videos");
        await _bot.IdleAsync();

        Assert.Equal(["Episode 1", "Episode 2", "Episode 3", "Episode 4"],
            _bot.Telegram.Messages(group.Id).Where(m => m.Kind == "video").Select(m => m.Caption!.Split('\n')[0]));
        var last = _bot.Telegram.Messages(group.Id).Single(m => m.MessageId == offer.MessageId);
        Assert.Equal("Sending videos 4–4 of 4.", last.Text);
        Assert.Null(last.ReplyMarkup);

        // Each video has its own cache entry: the third, sent alone, is answered from it.
        _bot.Say(dan, _items[2]);
        await _bot.ReplyAsync(dan, m => m.Kind == "video");
        Assert.Equal(1, _bot.Site.RequestsFor("/watch/ep3"));

        // The same button again starts nothing twice.
        _bot.Telegram.SendCallbackQuery(group, ana, offer.MessageId, firstData);
        await _bot.IdleAsync();
        Assert.Equal(4, _bot.Telegram.Messages(group.Id).Count(m => m.Kind == "video"));
    }

    [Theory]
    [InlineData("pl:n:AAAAAAAAAA:0")]
    [InlineData("pl:n:../../../x:0")]
    [InlineData("pl:")]
    [InlineData("pl:n:AAAAAAAAAA:-1")]
    public async Task Forged_or_expired_buttons_are_answered(string data)
    {
        var ana = _bot.Telegram.AddUser("Ana");
        var hint = _bot.Say(ana, "hello");
        await _bot.ReplyAsync(ana, m => m.Kind == "text");

        var press = _bot.Telegram.SendCallbackQuery(_bot.Telegram.PrivateChat(ana), ana, hint.MessageId, data);

        Assert.Equal("These buttons have expired. Send the link again.", (await AnswerAsync(press)).Text);
    }

    private string Feed()
    {
        var items = string.Concat(_items.Select((url, i) =>
            $"<item><title>Episode {(i + 1).ToString(CultureInfo.InvariantCulture)}</title><link>{WebUtility.HtmlEncode(url)}</link></item>"));
        return $"""<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture shows</title><description>All of them</description>{items}</channel></rss>""";
    }

    private static (string Text, string Data) Button(FakeMessage message)
    {
        var button = JsonNode.Parse(message.ReplyMarkup ?? throw new InvalidOperationException("no buttons"))!["inline_keyboard"]![0]![0]!;
        return (button["text"]!.GetValue<string>(), button["callback_data"]!.GetValue<string>());
    }

    private Task<FakeMessage> Reply(FakeChat chat, Func<FakeMessage, bool> predicate) =>
        _bot.Telegram.WaitForMessageAsync(chat.Id, predicate, TimeSpan.FromSeconds(60));

    private async Task<(string? Text, bool ShowAlert, string? Url)> AnswerAsync(string queryId) =>
        (await _bot.Telegram.WaitForAsync(
            () => _bot.Telegram.CallbackAnswer(queryId) is { } answer ? Tuple.Create(answer) : null, TimeSpan.FromSeconds(20), "the button's answer")).Item1;
}

/// <summary>A playlist's limits: each video counts against the user's link rate; a huge playlist is listed, never crawled.</summary>
public sealed class Sending_playlists_within_the_limits : IAsyncLifetime
{
    private BotHarness _bot = null!;
    private FixtureSite _feeds = null!;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Telegram:PlaylistBatch"] = "3",
            ["RateLimits:UserBurst"] = "2",
            ["RateLimits:UserPeriodSeconds"] = "600",
        });
        _feeds = await FixtureSite.StartAsync(app => app.MapGet("/huge/feed.rss", () => Results.Content(Feed(_bot.Site.Site.Url("/watch/").AbsoluteUri, 10_000), "application/rss+xml")));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _feeds.DisposeAsync();
    }

    [Fact]
    public async Task Ten_thousand_videos_are_counted_from_a_listing_and_a_batch_is_charged_per_video()
    {
        var ana = _bot.Telegram.AddUser("Ana");
        _bot.Say(ana, _feeds.Url("/huge/feed.rss").AbsoluteUri);

        var offer = await _bot.ReplyAsync(ana, m => m.Text?.StartsWith("This playlist has", StringComparison.Ordinal) == true, seconds: 60);
        Assert.Equal("This playlist has 10000 videos: Huge", offer.Text);
        Assert.DoesNotContain(_bot.Site.Site.Requests, r => r.StartsWith("/watch/", StringComparison.Ordinal)); // no entry was extracted

        // Three videos against a burst of two: refused as three links sent at once would be.
        var data = JsonNode.Parse(offer.ReplyMarkup!)!["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>();
        _bot.Telegram.SendCallbackQuery(_bot.Telegram.PrivateChat(ana), ana, offer.MessageId, data);
        var refused = await _bot.ReplyAsync(ana, m => m.Text?.StartsWith("You're sending links faster", StringComparison.Ordinal) == true, seconds: 60);
        await _bot.IdleAsync();

        Assert.NotNull(refused);
        Assert.DoesNotContain(_bot.Telegram.Messages(ana.Id), m => m.Kind == "video");
    }

    private static string Feed(string pageBase, int count)
    {
        var items = new System.Text.StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            items.Append(CultureInfo.InvariantCulture, $"<item><title>Video {i}</title><link>{pageBase}v{i}</link></item>");
        }

        return $"""<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title><description>d</description>{items}</channel></rss>""";
    }
}
