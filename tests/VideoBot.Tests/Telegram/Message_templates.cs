using System.Text.RegularExpressions;
using VideoBot.Host.Messages;

// Not VideoBot.Tests.Telegram: that namespace would shadow Telegram.Bot for every test under VideoBot.Tests.
namespace VideoBot.Tests.TelegramBot;

public sealed partial class Message_templates
{
    private static readonly MessageCatalog Catalog = MessageCatalog.LoadEmbedded();

    [Fact]
    public void English_and_Romanian_are_embedded()
    {
        Assert.Contains(MessageCatalog.English, Catalog.Languages);
        Assert.Contains(MessageCatalog.Romanian, Catalog.Languages);
    }

    [Fact]
    public void Romanian_has_every_English_text_with_the_same_placeholders()
    {
        var english = Catalog.Templates(MessageCatalog.English);
        var romanian = Catalog.Templates(MessageCatalog.Romanian);

        Assert.Equal(english.Keys.Order(), romanian.Keys.Order());
        foreach (var (key, text) in english)
        {
            Assert.True(MessageCatalog.PlaceholdersOf(text).SetEquals(MessageCatalog.PlaceholdersOf(romanian[key])), $"placeholders of '{key}' differ");
            Assert.NotEqual(string.Empty, romanian[key]);
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ro")]
    public void Every_template_is_valid_Telegram_HTML(string language)
    {
        foreach (var (key, text) in Catalog.Templates(language))
        {
            // Only the tags Telegram knows, and no bare '&' or '<' that would make "can't parse entities".
            foreach (Match tag in Tag().Matches(text))
            {
                Assert.True(tag.Groups[1].Value is "b" or "i" or "code" or "a", $"'{key}' uses <{tag.Groups[1].Value}>");
            }

            var withoutTags = Tag().Replace(text, string.Empty);
            Assert.DoesNotContain("<", withoutTags);
            Assert.DoesNotContain(">", withoutTags);
            Assert.False(BareAmpersand().IsMatch(withoutTags), $"'{key}' has a bare &");
        }
    }

    [Theory]
    [InlineData("ro", "ro")]
    [InlineData("ro-RO", "ro")]
    [InlineData("RO", "ro")]
    [InlineData("en", "en")]
    [InlineData("de", "en")]
    [InlineData(null, "en")]
    public void The_language_follows_the_users_language_code(string? code, string expected) =>
        Assert.Equal(expected, MessageCatalog.LanguageOf(code));

    [Fact]
    public void Argument_values_are_escaped_but_fragments_are_not()
    {
        var text = Catalog.Html("en", "error.malformed_link", ("link", "<b>&"));
        Assert.Contains("&lt;b&gt;&amp;", text);
        Assert.DoesNotContain("<b>&", text);

        var help = Catalog.Html("en", "help", ("platforms", new HtmlFragment("• <i>x</i>")), ("limit", "50 MB"));
        Assert.Contains("• <i>x</i>", help);
    }

    [Fact]
    public void The_too_large_message_names_both_sizes()
    {
        var text = Catalog.Html("en", "error.too_large", ("size", Formats.Size(83L * 1024 * 1024)), ("limit", Formats.Limit(50L * 1024 * 1024)));
        Assert.StartsWith("This video is 83.0 MB; the largest I can send is 50 MB.", text);
    }

    [GeneratedRegex(@"</?([a-z]+)(?:\s[^>]*)?>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"&(?!(amp|lt|gt|quot);)")]
    private static partial Regex BareAmpersand();
}
