using System.Net;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using VideoBot.FakeTelegram;
using VideoBot.FakeTelegram.State;

namespace VideoBot.Tests.FakeTelegram;

public sealed class Sending_text : IAsyncLifetime
{
    private FakeBotApiServer _server = null!;
    private FakeChat _chat = null!;
    private TelegramBotClient _bot = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeBotApiServer.StartAsync();
        _chat = _server.PrivateChat(_server.AddUser());
        _bot = FakeTelegramClient.For(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_escaped_html_title_full_of_special_characters_arrives_intact()
    {
        const string title = "Tom & Jerry <3 _*[]()~`>#+-=|{}.! \"quoted\"";
        var escaped = WebUtility.HtmlEncode(title);

        var sent = await _bot.SendMessage(_chat.Id, $"<b>{escaped}</b>\n<a href=\"https://example.com/v?a=1&amp;b=2\">source</a>", ParseMode.Html);

        Assert.Equal($"{title}\nsource", sent.Text);
        Assert.Collection(sent.Entities!,
            bold => Assert.Equal((MessageEntityType.Bold, 0, title.Length), (bold.Type, bold.Offset, bold.Length)),
            link => Assert.Equal((MessageEntityType.TextLink, title.Length + 1, 6, "https://example.com/v?a=1&b=2"), (link.Type, link.Offset, link.Length, link.Url)));
        var stored = Assert.Single(_server.Messages(_chat.Id));
        Assert.Equal(sent.Text, stored.Text);
        Assert.Equal("html", stored.ParseMode, ignoreCase: true);
    }

    [Fact]
    public async Task An_unescaped_ampersand_stays_literal_like_on_telegram()
    {
        var sent = await _bot.SendMessage(_chat.Id, "Rock & Roll &copy; &lt;3", ParseMode.Html);

        Assert.Equal("Rock & Roll &copy; <3", sent.Text);
    }

    [Fact]
    public async Task Entity_offsets_count_utf16_units_past_emoji()
    {
        var sent = await _bot.SendMessage(_chat.Id, "🎬 <i>clip</i>", ParseMode.Html);

        var italic = Assert.Single(sent.Entities!);
        Assert.Equal((MessageEntityType.Italic, 3, 4), (italic.Type, italic.Offset, italic.Length));
    }

    [Fact]
    public async Task Reply_parameters_link_preview_options_and_markup_are_kept()
    {
        var user = _server.AddUser("Dan");
        var chat = _server.PrivateChat(user);
        var incoming = _server.SendUserMessage(chat, user, "https://vimeo.com/1");

        var sent = await _bot.SendMessage(chat.Id, "Working on it…",
            replyParameters: new ReplyParameters { MessageId = (int)incoming.MessageId },
            linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
            replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Cancel", "cancel:1")));

        Assert.Equal(incoming.MessageId, sent.ReplyToMessage!.MessageId);
        Assert.Equal("https://vimeo.com/1", sent.ReplyToMessage.Text);
        Assert.True(sent.LinkPreviewOptions!.IsDisabled);
        Assert.Equal("cancel:1", sent.ReplyMarkup!.InlineKeyboard.Single().Single().CallbackData);
        var stored = _server.Messages(chat.Id).Single();
        Assert.Equal(incoming.MessageId, stored.ReplyToMessageId);
        Assert.Contains("\"is_disabled\":true", stored.LinkPreviewOptions, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<foo>x</foo>", "Bad Request: can't parse entities: Unsupported start tag \"foo\" at byte offset 0")]
    [InlineData("a <b>bold", "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"")]
    [InlineData("1 < 2", "Bad Request: can't parse entities: Unsupported start tag \"\" at byte offset 2")]
    [InlineData("<b>x</i>", "Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected \"</b>\", found \"</i>\"")]
    [InlineData("x</b>", "Bad Request: can't parse entities: Unexpected end tag at byte offset 1")]
    [InlineData("é <span>x</span>", "Bad Request: can't parse entities: Tag \"span\" must have class \"tg-spoiler\" at byte offset 3")]
    [InlineData("<b", "Bad Request: can't parse entities: Unclosed start tag at byte offset 0")]
    public async Task Bad_html_is_refused_with_telegrams_exact_description(string html, string description)
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(_chat.Id, html, ParseMode.Html));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal(description, error.Message);
        Assert.Empty(_server.Messages(_chat.Id));
    }

    [Theory]
    [InlineData("MarkdownV2")]
    [InlineData("Markdown")]
    public async Task Markdown_is_refused_clearly_because_this_fake_only_implements_html(string mode)
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(_chat.Id, "*bold*", Enum.Parse<ParseMode>(mode)));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal($"Bad Request: parse_mode {mode} is valid on the real Bot API, but this fake only implements HTML (the bot sends HTML)", error.Message);
        Assert.Empty(_server.Messages(_chat.Id));
    }

    [Fact]
    public async Task Text_over_4096_characters_after_parsing_is_too_long_but_markup_does_not_count()
    {
        var fits = await _bot.SendMessage(_chat.Id, "<b>" + new string('x', 4096) + "</b>", ParseMode.Html);
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(_chat.Id, new string('x', 4097)));

        Assert.Equal(4096, fits.Text!.Length);
        Assert.Equal(400, error.ErrorCode);
        Assert.Equal("Bad Request: message is too long", error.Message);
    }

    [Fact]
    public async Task Empty_or_blank_text_is_refused()
    {
        var blank = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(_chat.Id, "  \n "));
        var onlyTags = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(_chat.Id, "<b></b>", ParseMode.Html));

        Assert.Equal("Bad Request: message text is empty", blank.Message);
        Assert.Equal("Bad Request: message text is empty", onlyTags.Message);
    }

    [Fact]
    public async Task An_unknown_chat_is_not_found()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _bot.SendMessage(987654321, "hello"));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal("Bad Request: chat not found", error.Message);
    }

    [Fact]
    public async Task Replying_to_a_missing_message_fails_unless_allowed()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() =>
            _bot.SendMessage(_chat.Id, "hi", replyParameters: new ReplyParameters { MessageId = 999 }));
        var allowed = await _bot.SendMessage(_chat.Id, "hi", replyParameters: new ReplyParameters { MessageId = 999, AllowSendingWithoutReply = true });

        Assert.Equal("Bad Request: message to be replied not found", error.Message);
        Assert.Null(allowed.ReplyToMessage);
    }
}
