using VideoBot.Host.Messages;
using VideoBot.Host.Pipeline.Captions;
using VideoBot.Sdk.Media;

// Not VideoBot.Tests.Telegram: that namespace would shadow Telegram.Bot for every test under VideoBot.Tests.
namespace VideoBot.Tests.TelegramBot;

public sealed class Building_captions
{
    private static readonly CaptionBuilder Builder = new(MessageCatalog.LoadEmbedded());
    private static readonly Uri Source = new("https://site.example/v/1?a=1&b=2");

    private static MediaPost Post(string? title, string? uploader = null) => new()
    {
        Id = "1",
        Title = title,
        Uploader = uploader,
        Items = [new MediaItem { Formats = [new MediaFormat { Url = new Uri("https://cdn.example/1.mp4") }] }],
    };

    [Fact]
    public void Title_uploader_and_source_are_escaped_for_HTML()
    {
        var caption = Builder.Build(Post("<Tom & Jerry> _*[]()~`>#+-=|{}.!", "A&B"), Source, "en");

        Assert.Equal(
            "<b>&lt;Tom &amp; Jerry&gt; _*[]()~`&gt;#+-=|{}.!</b>\nA&amp;B\n<a href=\"https://site.example/v/1?a=1&amp;b=2\">Source</a>",
            caption);
    }

    [Fact]
    public void The_source_label_is_in_the_users_language()
    {
        Assert.EndsWith(">Sursa</a>", Builder.Build(Post("x"), Source, "ro"));
    }

    [Fact]
    public void A_long_title_is_cut_so_the_parsed_caption_fits_1024_characters()
    {
        var caption = Builder.Build(Post(new string('a', 3000), "someone"), Source, "en");

        Assert.Equal(CaptionBuilder.MaxLength, CaptionBuilder.PlainLength(caption));
        Assert.Contains("…</b>", caption);
    }

    [Fact]
    public void Cutting_never_splits_an_escaped_character()
    {
        // 2000 ampersands become 10000 characters of HTML but count 2000 after parsing: the cut happens before escaping.
        var caption = Builder.Build(Post(new string('&', 2000)), Source, "en");

        Assert.True(CaptionBuilder.PlainLength(caption) <= CaptionBuilder.MaxLength);
        Assert.Matches("^<b>(&amp;)+…</b>\n<a ", caption);
    }

    [Fact]
    public void Cutting_never_splits_a_surrogate_pair()
    {
        // With a two-letter uploader the budget ends right after a high surrogate.
        var caption = Builder.Build(Post(string.Concat(Enumerable.Repeat("😀", 1000)), "ab"), Source, "en");
        var title = caption[3..caption.IndexOf("</b>", StringComparison.Ordinal)];

        Assert.True(CaptionBuilder.PlainLength(caption) <= CaptionBuilder.MaxLength);
        Assert.False(char.IsHighSurrogate(title[^2]));
        Assert.EndsWith("😀…", title);
    }

    [Fact]
    public void A_post_without_title_or_uploader_gets_just_the_link()
    {
        Assert.Equal("<a href=\"https://site.example/v/1?a=1&amp;b=2\">Source</a>", Builder.Build(Post(null), Source, "en"));
    }
}
