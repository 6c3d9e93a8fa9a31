using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using VideoBot.Host.Caching;
using VideoBot.Host.Configuration;
using VideoBot.Host.Telegram;
using VideoBot.Host.Telegram.Commands;
using VideoBot.Host.Telegram.Dispatch;
using VideoBot.Host.Pipeline.Output;
using VideoBot.Host.Telegram.Output;

// Not VideoBot.Tests.Telegram: that namespace would shadow Telegram.Bot for every test under VideoBot.Tests.
namespace VideoBot.Tests.TelegramBot;

public sealed class Small_decisions
{
    private static OutgoingFile File(SentKind kind) => new(kind, null, "id");

    [Fact]
    public void Twelve_photos_go_as_an_album_of_ten_and_one_of_two()
    {
        var batches = Uploader.Batches([.. Enumerable.Repeat(File(SentKind.Photo), 12)]).ToList();

        Assert.Equal([10, 2], batches.Select(b => b.Count));
    }

    [Fact]
    public void Photos_and_videos_share_an_album_but_audio_documents_and_animations_do_not()
    {
        var batches = Uploader.Batches([
            File(SentKind.Photo), File(SentKind.Video), File(SentKind.Animation), File(SentKind.Audio), File(SentKind.Audio),
            File(SentKind.Document), File(SentKind.Photo),
        ]).ToList();

        Assert.Equal([2, 1, 2, 1, 1], batches.Select(b => b.Count));
    }

    [Theory]
    [InlineData("s:q:720", 720, "Video", false)]
    [InlineData("s:q:0", null, "Video", false)]
    [InlineData("s:as:document", null, "Document", false)]
    [InlineData("s:audio:1", null, "Video", true)]
    public void A_settings_button_changes_one_setting(string data, int? height, string sendAs, bool audio)
    {
        Assert.Equal(new UserSettings(height, Enum.Parse<SendAs>(sendAs), audio), SettingsCommand.Apply(UserSettings.Default, data));
    }

    [Theory]
    [InlineData("s:q:1080")]
    [InlineData("s:q:-1")]
    [InlineData("s:as:gif")]
    [InlineData("other")]
    [InlineData(null)]
    public void Unknown_button_data_changes_nothing(string? data)
    {
        Assert.Null(SettingsCommand.Apply(UserSettings.Default, data));
    }

    [Theory]
    [InlineData("/help", "help")]
    [InlineData("/HELP extra words", "help")]
    [InlineData("/help@VideoBot_test_bot", "help")]
    [InlineData("/help@other_bot", null)]
    [InlineData("hello /help", null)]
    public void Commands_addressed_to_another_bot_are_not_ours(string text, string? expected)
    {
        var message = new Message { Text = text };
        if (text.StartsWith('/'))
        {
            message.Entities = [new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = text.Split(' ')[0].Length }];
        }

        Assert.Equal(expected, CommandParser.Parse(message, "videobot_test_bot"));
    }

    [Fact]
    public void In_mention_mode_a_group_message_is_ours_only_when_it_mentions_or_replies_to_the_bot()
    {
        var identity = new BotIdentity();
        identity.Set(new User { Id = 777, IsBot = true, FirstName = "Bot", Username = "videobot_test_bot" });
        var plain = new Message { Text = "https://x.example/v/1" };
        var mention = new Message
        {
            Text = "@VideoBot_Test_Bot https://x.example/v/1",
            Entities = [new MessageEntity { Type = MessageEntityType.Mention, Offset = 0, Length = 18 }],
        };
        var otherMention = new Message
        {
            Text = "@someone https://x.example/v/1",
            Entities = [new MessageEntity { Type = MessageEntityType.Mention, Offset = 0, Length = 8 }],
        };
        var reply = new Message { Text = "https://x.example/v/1", ReplyToMessage = new Message { From = identity.Bot } };

        Assert.False(GroupFilter.IsAddressed(plain, GroupMode.Mention, identity));
        Assert.True(GroupFilter.IsAddressed(mention, GroupMode.Mention, identity));
        Assert.False(GroupFilter.IsAddressed(otherMention, GroupMode.Mention, identity));
        Assert.True(GroupFilter.IsAddressed(reply, GroupMode.Mention, identity));
        Assert.True(GroupFilter.IsAddressed(plain, GroupMode.Always, identity));
    }

    [Fact]
    public void A_long_reply_is_cut_at_a_line_within_4096_characters()
    {
        var html = string.Join('\n', Enumerable.Range(0, 500).Select(i => $"<code>plugin-{i}</code> 1.0.0 – Active"));
        var cut = TextLimit.Cut(html);

        Assert.True(cut.Length <= TextLimit.MaxLength);
        Assert.EndsWith("Active\n…", cut);
    }
}
