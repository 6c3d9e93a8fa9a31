using System.Security.Cryptography;
using System.Text;

namespace VideoBot.FakeTelegram.State;

/// <summary>
/// Everything the fake remembers: users, chats, the messages of each chat (ids count per chat) and stored files.
/// One lock guards it all; reads hand out immutable records, so callers never see a half-made change.
/// </summary>
internal sealed class BotState(FakeUser bot, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, FakeUser> _users = new() { [bot.Id] = bot };
    private readonly Dictionary<long, FakeChat> _chats = [];
    private readonly Dictionary<long, SortedDictionary<long, FakeMessage>> _messages = [];
    private readonly Dictionary<long, long> _lastMessageId = [];
    private readonly Dictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private long _nextUserId = 100_000_001;
    private long _nextGroupId = 1;
    private readonly List<(long ChatId, string Action)> _chatActions = [];
    private long _fileCounter;

    public FakeUser Bot { get; } = bot;

    public long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    public FakeUser AddUser(string firstName, string? username, string? languageCode, long? id = null)
    {
        lock (_gate)
        {
            var userId = id ?? _nextUserId++;
            var user = new FakeUser(userId, firstName, Username: username, LanguageCode: languageCode);
            _users[userId] = user;
            return user;
        }
    }

    public FakeChat PrivateChat(FakeUser user)
    {
        lock (_gate)
        {
            if (!_chats.TryGetValue(user.Id, out var chat))
            {
                chat = new FakeChat(user.Id, "private", User: user);
                _chats[user.Id] = chat;
            }

            return chat;
        }
    }

    public FakeChat AddGroup(string title, bool supergroup, long? id = null)
    {
        lock (_gate)
        {
            var number = _nextGroupId++;
            var chatId = id ?? (supergroup ? -1_001_000_000_000 - number : -4_000_000 - number);
            var chat = new FakeChat(chatId, supergroup ? "supergroup" : "group", Title: title);
            _chats[chatId] = chat;
            return chat;
        }
    }

    public FakeUser? User(long id)
    {
        lock (_gate)
        {
            return _users.GetValueOrDefault(id);
        }
    }

    public FakeChat? Chat(long id)
    {
        lock (_gate)
        {
            return _chats.GetValueOrDefault(id);
        }
    }

    /// <summary>Adds a message under the chat's next message id.</summary>
    public FakeMessage AddMessage(long chatId, Func<long, FakeMessage> build)
    {
        lock (_gate)
        {
            var id = _lastMessageId.GetValueOrDefault(chatId) + 1;
            _lastMessageId[chatId] = id;
            var message = build(id);
            if (!_messages.TryGetValue(chatId, out var chatMessages))
            {
                _messages[chatId] = chatMessages = [];
            }

            chatMessages[id] = message;
            return message;
        }
    }

    /// <summary>Adds several messages with consecutive ids at once (a media group), or none if one fails.</summary>
    public IReadOnlyList<FakeMessage> AddMessages(long chatId, IReadOnlyList<Func<long, FakeMessage>> builders)
    {
        lock (_gate)
        {
            var first = _lastMessageId.GetValueOrDefault(chatId) + 1;
            var built = builders.Select((build, index) => build(first + index)).ToList();
            foreach (var message in built)
            {
                AddMessage(chatId, _ => message);
            }

            return built;
        }
    }

    public FakeMessage? Message(long chatId, long messageId)
    {
        lock (_gate)
        {
            return _messages.GetValueOrDefault(chatId)?.GetValueOrDefault(messageId);
        }
    }

    public void Replace(FakeMessage message)
    {
        lock (_gate)
        {
            _messages[message.ChatId][message.MessageId] = message;
        }
    }

    public bool Delete(long chatId, long messageId)
    {
        lock (_gate)
        {
            return _messages.GetValueOrDefault(chatId)?.Remove(messageId) ?? false;
        }
    }

    public IReadOnlyList<FakeMessage> Messages(long chatId)
    {
        lock (_gate)
        {
            return _messages.TryGetValue(chatId, out var chatMessages) ? [.. chatMessages.Values] : [];
        }
    }

    public void AddChatAction(long chatId, string action)
    {
        lock (_gate)
        {
            _chatActions.Add((chatId, action));
        }
    }

    public IReadOnlyList<string> ChatActions(long chatId)
    {
        lock (_gate)
        {
            return [.. _chatActions.Where(a => a.ChatId == chatId).Select(a => a.Action)];
        }
    }

    public StoredFile AddFile(string kind, byte[]? bytes, string? url, string? fileName, string? mimeType, int? width = null, int? height = null, int? duration = null)
    {
        lock (_gate)
        {
            var number = ++_fileCounter;
            var folder = kind switch
            {
                "photo" => "photos",
                "thumbnail" => "thumbnails",
                "animation" => "animations",
                "audio" => "music",
                _ => kind + "s",
            };
            var extension = Path.GetExtension(fileName ?? "") is { Length: > 1 and < 8 } ext ? ext : kind == "photo" ? ".jpg" : "";
            var file = new StoredFile
            {
                FileId = FileIdPrefix(kind) + Token($"file:{number}", 48),
                FileUniqueId = "AgAD" + Token($"unique:{number}", 12),
                Kind = kind,
                Bytes = bytes,
                Url = url,
                FileName = fileName,
                MimeType = mimeType,
                Width = width,
                Height = height,
                Duration = duration,
                FilePath = $"{folder}/file_{number - 1}{extension}",
            };
            _files[file.FileId] = file;
            return file;
        }
    }

    public StoredFile? File(string fileId)
    {
        lock (_gate)
        {
            return _files.GetValueOrDefault(fileId);
        }
    }

    public StoredFile? FileByPath(string path)
    {
        lock (_gate)
        {
            return _files.Values.FirstOrDefault(f => f.FilePath == path);
        }
    }

    // Real file ids start with a few bytes naming the file type; keeping that makes logs look familiar.
    private static string FileIdPrefix(string kind) => kind switch
    {
        "video" => "BAACAgIAAxkDAAI",
        "photo" or "thumbnail" => "AgACAgIAAxkDAAI",
        "audio" => "CQACAgIAAxkDAAI",
        "animation" => "CgACAgIAAxkDAAI",
        _ => "BQACAgIAAxkDAAI",
    };

    // Deterministic per server, so two runs of a snapshot test see the same ids.
    private static string Token(string seed, int length) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).Concat(SHA256.HashData(Encoding.UTF8.GetBytes(seed + "+"))).ToArray())
            .Replace('+', '-').Replace('/', '_').TrimEnd('=')[..length];
}
