using System.Text.Json.Nodes;
using VideoBot.FakeTelegram.Api;

namespace VideoBot.FakeTelegram.Methods;

/// <summary>getChatMember and setMessageReaction, with the real API's checks.</summary>
internal sealed class ChatMethods(FakeContext context)
{
    /// <summary>The emoji Telegram accepts as a bot's reaction (ReactionTypeEmoji); anything else is REACTION_INVALID.</summary>
    private static readonly HashSet<string> Emoji =
    [
        "👍", "👎", "❤", "🔥", "🥰", "👏", "😁", "🤔", "🤯", "😱", "🤬", "😢", "🎉", "🤩", "🤮", "💩", "🙏", "👌", "🕊", "🤡", "🥱",
        "🥴", "😍", "🐳", "❤‍🔥", "🌚", "🌭", "💯", "🤣", "⚡", "🍌", "🏆", "💔", "🤨", "😐", "🍓", "🍾", "💋", "🖕", "😈", "😴", "😭",
        "🤓", "👻", "👨‍💻", "👀", "🎃", "🙈", "😇", "😨", "🤝", "✍", "🤗", "🫡", "🎅", "🎄", "☃", "💅", "🤪", "🗿", "🆒", "💘", "🙉",
        "🦄", "😘", "💊", "🙊", "😎", "👾", "🤷‍♂", "🤷", "🤷‍♀", "😡",
    ];

    public Task<ApiResult> GetChatMemberAsync(ApiCall call)
    {
        var p = call.Parameters;
        var chat = context.ChatOf(p);
        var userId = p.Long("user_id") ?? throw ApiErrors.ParameterRequired("user_id");
        var user = context.State.User(userId) ?? throw ApiErrors.BadRequest("PARTICIPANT_ID_INVALID");
        var status = chat.Type == "private" ? "member" : context.Extras.MemberStatus(chat.Id, userId);
        var json = new JsonObject { ["status"] = status, ["user"] = ApiJson.User(user) };
        switch (status)
        {
            case "creator":
                json["is_anonymous"] = false;
                break;
            case "administrator":
                json["can_be_edited"] = false;
                json["is_anonymous"] = false;
                foreach (var right in new[]
                {
                    "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members", "can_promote_members",
                    "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories",
                })
                {
                    json[right] = right is "can_manage_chat" or "can_delete_messages" or "can_invite_users";
                }

                break;
            case "restricted":
                json["is_member"] = true;
                json["until_date"] = 0;
                foreach (var right in new[]
                {
                    "can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos", "can_send_videos",
                    "can_send_video_notes", "can_send_voice_notes", "can_send_polls", "can_send_other_messages",
                    "can_add_web_page_previews", "can_change_info", "can_invite_users", "can_pin_messages", "can_manage_topics",
                })
                {
                    json[right] = false;
                }

                break;
            case "kicked":
                json["until_date"] = 0;
                break;
        }

        return Task.FromResult(new ApiResult(json));
    }

    public Task<ApiResult> SetMessageReactionAsync(ApiCall call)
    {
        var p = call.Parameters;
        var chat = context.ChatOf(p);
        var messageId = p.Long("message_id") ?? throw ApiErrors.ParameterRequired("message_id");
        if (context.State.Message(chat.Id, messageId) is null)
        {
            throw ApiErrors.BadRequest("MESSAGE_ID_INVALID");
        }

        var emojis = new List<string>();
        if (p.Json("reaction") is { } reaction)
        {
            if (reaction is not JsonArray list)
            {
                throw ApiErrors.BadRequest("can't parse reaction types JSON object");
            }

            foreach (var item in list)
            {
                var type = item?["type"]?.GetValue<string>();
                var emoji = item?["emoji"]?.GetValue<string>();
                if (type != "emoji" || emoji is null || !Emoji.Contains(emoji))
                {
                    throw ApiErrors.BadRequest("REACTION_INVALID");
                }

                emojis.Add(emoji);
            }
        }

        // Bots may set one reaction (Premium users up to three; bots are not Premium).
        if (emojis.Count > 1)
        {
            throw ApiErrors.BadRequest("REACTIONS_TOO_MANY");
        }

        context.Extras.SetReactions(chat.Id, messageId, emojis);
        return Task.FromResult(ApiResult.True());
    }
}
