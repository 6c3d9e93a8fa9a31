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
    public void MarkdownV2_nests_entities_and_keeps_code_content_literal()
    {
        var parsed = MarkdownV2Parser.Parse("*bold _italic_* __under__ ~strike~ ||spoiler|| `a_b*c` [link](https://t.me/x\\)y) ```cs\nvar x;```");

        Assert.Equal("bold italic under strike spoiler a_b*c link var x;", parsed.Text);
        Assert.Equal(
            [
                new TextEntity("bold", 0, 11),
                new TextEntity("italic", 5, 6),
                new TextEntity("underline", 12, 5),
                new TextEntity("strikethrough", 18, 6),
                new TextEntity("spoiler", 25, 7),
                new TextEntity("code", 33, 5),
                new TextEntity("text_link", 39, 4, Url: "https://t.me/x)y"),
                new TextEntity("pre", 44, 6, Language: "cs"),
            ],
            parsed.Entities);
    }

    [Fact]
    public void MarkdownV2_quotes_lines_starting_with_a_greater_than_sign()
    {
        var parsed = MarkdownV2Parser.Parse(">quoted\n>still\nplain");

        Assert.Equal("quoted\nstill\nplain", parsed.Text);
        Assert.Equal(new TextEntity("blockquote", 0, 13), Assert.Single(parsed.Entities));
    }

    [Fact]
    public void Legacy_markdown_needs_no_escaping_of_dots_but_fails_on_an_unclosed_underscore()
    {
        var parsed = MarkdownParser.Parse("*Done.* see [docs](https://example.com) - v1.0");
        var error = Assert.Throws<BotApiException>(() => MarkdownParser.Parse("file_name.mp4"));

        Assert.Equal("Done. see docs - v1.0", parsed.Text);
        Assert.Equal([new TextEntity("bold", 0, 5), new TextEntity("text_link", 10, 4, Url: "https://example.com")], parsed.Entities);
        Assert.Equal("Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 4", error.Description);
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
