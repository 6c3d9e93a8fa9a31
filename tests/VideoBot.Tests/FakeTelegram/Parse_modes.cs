using VideoBot.FakeTelegram.Api;
using VideoBot.FakeTelegram.Formatting;

namespace VideoBot.Tests.FakeTelegram;

public sealed class Parse_modes
{
    [Fact]
    public void Html_pre_with_a_language_code_block_becomes_one_pre_entity_with_the_language()
    {
        var parsed = HtmlParser.Parse("<pre><code class=\"language-python\">print(1 &lt; 2)</code></pre>");

        Assert.Equal("print(1 < 2)", parsed.Text);
        Assert.Equal(new TextEntity("pre", 0, 12, Language: "python"), Assert.Single(parsed.Entities));
    }

    [Fact]
    public void Html_spoilers_quotes_custom_emoji_and_user_links_become_their_entities()
    {
        var parsed = HtmlParser.Parse(
            "<tg-spoiler>a</tg-spoiler><span class=\"tg-spoiler\">b</span><blockquote expandable>c</blockquote>" +
            "<tg-emoji emoji-id=\"5368324170671202286\">👍</tg-emoji><a href=\"tg://user?id=42\">d</a><a href='example.com'>e</a>");

        Assert.Equal("abc👍de", parsed.Text);
        Assert.Equal(
            [
                new TextEntity("spoiler", 0, 1),
                new TextEntity("spoiler", 1, 1),
                new TextEntity("expandable_blockquote", 2, 1),
                new TextEntity("custom_emoji", 3, 2, CustomEmojiId: "5368324170671202286"),
                new TextEntity("text_mention", 5, 1, UserId: 42),
                new TextEntity("text_link", 6, 1, Url: "http://example.com"),
            ],
            parsed.Entities);
    }

    [Theory]
    [InlineData("&#60;&#x3E;&quot;&amp;", "<>\"&")]
    [InlineData("&LT; &nbsp; &#0; & x", "&LT; &nbsp; &#0; & x")]
    [InlineData("<B>Upper</B>", "Upper")]
    public void Html_decodes_only_the_entities_telegram_knows(string html, string text) =>
        Assert.Equal(text, HtmlParser.Parse(html).Text);

    [Theory]
    [InlineData("<a href=x y>z</a>", "Expected equal sign in declaration of an attribute of the tag \"a\" at byte offset 0")]
    [InlineData("<a href=x!>z</a>", "Unexpected end of name token at byte offset 8")]
    [InlineData("<b>x</b >y</ b>", "Unexpected end tag at byte offset 10")]
    public void Html_attribute_and_tag_errors_read_like_telegrams(string html, string detail)
    {
        var error = Assert.Throws<BotApiException>(() => HtmlParser.Parse(html));

        Assert.Equal("Bad Request: can't parse entities: " + detail, error.Description);
    }

    [Fact]
    public void Found_entities_skip_code_and_trailing_punctuation()
    {
        var finished = TextRules.Finish(new FormattedText("  see https://example.com/a_(b). or `/notacommand` @someone #tag /help  ", [new TextEntity("code", 36, 14)]));

        Assert.Equal("see https://example.com/a_(b). or `/notacommand` @someone #tag /help", finished.Text);
        Assert.Equal(
            [
                new TextEntity("url", 4, 25),
                new TextEntity("code", 34, 14),
                new TextEntity("mention", 49, 8),
                new TextEntity("hashtag", 58, 4),
                new TextEntity("bot_command", 63, 5),
            ],
            finished.Entities);
    }
}
