using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Telegram.Dispatch;

// Not VideoBot.Tests.Telegram: that namespace would shadow Telegram.Bot for every test under VideoBot.Tests.
namespace VideoBot.Tests.TelegramBot;

public sealed class Finding_links
{
    [Fact]
    public void Url_and_text_link_entities_are_found_in_order_without_duplicates()
    {
        const string text = "see https://a.example/v/1 and this and https://a.example/v/1 again";
        var message = new Message
        {
            Text = text,
            Entities =
            [
                new MessageEntity { Type = MessageEntityType.Url, Offset = 4, Length = 21 },
                new MessageEntity { Type = MessageEntityType.TextLink, Offset = 30, Length = 4, Url = "https://b.example/watch?v=2" },
                new MessageEntity { Type = MessageEntityType.Url, Offset = 39, Length = 21 },
            ],
        };

        Assert.Equal(["https://a.example/v/1", "https://b.example/watch?v=2"], LinkFinder.Find(message, 5));
    }

    [Fact]
    public void Links_in_a_media_caption_count_too()
    {
        var message = new Message
        {
            Caption = "from https://c.example/p/9",
            CaptionEntities = [new MessageEntity { Type = MessageEntityType.Url, Offset = 5, Length = 21 }],
        };

        Assert.Equal(["https://c.example/p/9"], LinkFinder.Find(message, 5));
    }

    [Fact]
    public void A_link_without_a_scheme_gets_https()
    {
        var message = new Message
        {
            Text = "example.com/v/1",
            Entities = [new MessageEntity { Type = MessageEntityType.Url, Offset = 0, Length = 15 }],
        };

        Assert.Equal(["https://example.com/v/1"], LinkFinder.Find(message, 5));
    }

    [Fact]
    public void No_more_than_the_maximum_is_taken()
    {
        var message = new Message { Text = "https://x.example/1 https://x.example/2 https://x.example/3" };

        Assert.Equal(["https://x.example/1", "https://x.example/2"], LinkFinder.Find(message, 2));
    }

    [Fact]
    public void Text_without_entities_is_scanned_for_plain_links()
    {
        var message = new Message { Text = "look (https://x.example/a?b=1), ok" };

        Assert.Equal(["https://x.example/a?b=1"], LinkFinder.Find(message, 5));
    }

    [Fact]
    public void A_message_without_links_has_none()
    {
        Assert.Empty(LinkFinder.Find(new Message { Text = "hello there" }, 5));
    }
}
