using Microsoft.Extensions.DependencyInjection;
using VideoBot.Host.Caching;
using VideoBot.FakeTelegram.Methods;
using VideoBot.Tests.TelegramBot.Support;

namespace VideoBot.Tests.TelegramBot;

/// <summary>
/// Inline mode: <c>@bot LINK</c> is answered from the file_id cache at once; a link not cached yet gets a button into the
/// bot's chat (a deep link whose /start fetches it), after which the same query finds it; a query without a link gets the hint.
/// </summary>
public sealed class Answering_inline_queries : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_link_not_cached_yet_is_fetched_through_the_deep_link_then_answered_from_the_cache()
    {
        var ana = _bot.Telegram.AddUser("Ana");
        var link = _bot.Site.AddPage("inline", "Inline clip");

        var miss = await AnswerAsync(ana, "look " + link);
        Assert.Empty(miss.Results);
        Assert.Equal(0, miss.CacheTime); // Telegram must ask again once the file is there
        Assert.Equal("Not ready yet: tap to fetch it in the bot's chat", miss.ButtonText);
        Assert.Matches("^v_[A-Za-z0-9_-]{20}$", miss.StartParameter);
        Assert.Equal(0, _bot.Site.RequestsFor("/watch/inline")); // nothing is fetched inside an inline query

        // The button opens the bot's chat with /start PARAM.
        _bot.Say(ana, "/start " + miss.StartParameter);
        var video = await _bot.ReplyAsync(ana, m => m.Kind == "video");
        Assert.Contains(_bot.Telegram.Messages(ana.Id), m => m.Text?.StartsWith("Fetching it now.", StringComparison.Ordinal) == true);
        await _bot.IdleAsync();

        var hit = await AnswerAsync(ana, link);
        var result = Assert.Single(hit.Results)!.AsObject();
        Assert.Equal("video", result["type"]!.GetValue<string>());
        Assert.Equal(video.FileId, result["video_file_id"]!.GetValue<string>());
        Assert.Equal("Inline clip", result["title"]!.GetValue<string>());
        Assert.StartsWith("<b>Inline clip</b>", result["caption"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(hit.ButtonText);
        Assert.Equal(1, _bot.Site.RequestsFor("/watch/inline"));
    }

    [Fact]
    public async Task Sound_only_is_offered_as_a_cached_audio()
    {
        var ana = _bot.Telegram.AddUser("Ana");
        await _bot.App!.Services.GetRequiredService<UserSettingsStore>().SaveAsync(ana.Id, new UserSettings(AudioOnly: true), default);
        var link = _bot.Site.AddPage("sound", "Sound");
        _bot.Say(ana, link);
        var audio = await _bot.ReplyAsync(ana, m => m.Kind == "audio");
        await _bot.IdleAsync();

        var hit = await AnswerAsync(ana, link);

        var result = Assert.Single(hit.Results)!.AsObject();
        Assert.Equal("audio", result["type"]!.GetValue<string>());
        Assert.Equal(audio.FileId, result["audio_file_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("", "en", "Type a video link after @videobot_test_bot")]
    [InlineData("hello there", "en", "Type a video link after @videobot_test_bot")]
    [InlineData("salut", "ro", "Scrie un link de video după @videobot_test_bot")]
    public async Task A_query_without_a_link_gets_the_hint(string query, string language, string hint)
    {
        var user = _bot.Telegram.AddUser("Ana", languageCode: language);

        var answer = await AnswerAsync(user, query);

        Assert.Empty(answer.Results);
        Assert.Equal(hint, answer.ButtonText);
        Assert.Equal("inline", answer.StartParameter);
    }

    [Fact]
    public async Task A_deep_link_token_nobody_stored_is_answered_not_ignored()
    {
        var ana = _bot.Telegram.AddUser("Ana");
        _bot.Say(ana, "/start v_AAAAAAAAAAAAAAAAAAAA");

        var answer = await _bot.ReplyAsync(ana, m => m.Kind == "text");

        Assert.Equal("That button has expired. Send me the link here and I'll fetch it.", answer.Text);
    }

    [Fact]
    public async Task A_plain_start_still_greets()
    {
        var ana = _bot.Telegram.AddUser("Ana");
        _bot.Say(ana, "/start inline");

        var answer = await _bot.ReplyAsync(ana, m => m.Kind == "text");

        Assert.StartsWith("Hi Ana!", answer.Text, StringComparison.Ordinal);
    }

    private async Task<InlineAnswer> AnswerAsync(VideoBot.FakeTelegram.State.FakeUser user, string query)
    {
        var id = _bot.Telegram.SendInlineQuery(user, query);
        return await _bot.Telegram.WaitForAsync(() => _bot.Telegram.InlineAnswer(id), TimeSpan.FromSeconds(20), "the inline answer");
    }
}
