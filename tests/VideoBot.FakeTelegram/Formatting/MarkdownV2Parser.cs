using System.Text;
using VideoBot.FakeTelegram.Api;

namespace VideoBot.FakeTelegram.Formatting;

/// <summary>
/// parse_mode=MarkdownV2 with Telegram's rules (tdlib's parse_markdown_v2): every one of
/// <c>_*[]()~`&gt;#+-=|{}.!</c> outside an entity must be escaped with '\', inside code and pre only '`' and '\'.
/// Errors carry tdlib's exact wording, entity type names and UTF-8 byte offsets.
/// </summary>
internal static class MarkdownV2Parser
{
    private const string Reserved = "_*[]()~`>#+-=|{}.!\n";

    private sealed record Open(string Kind, string Argument, int EntityOffset, int ByteOffset, int ResultBegin);

    public static FormattedText Parse(string markdown)
    {
        var s = new Utf8Text(markdown);
        var result = new List<byte>(s.Length);
        var entities = new List<TextEntity>();
        var open = new List<Open>();
        var utf16 = 0;
        var haveBlockquote = false;

        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\' && s[i + 1] is > 0 and <= 126)
            {
                i++;
                utf16 += 1;
                result.Add(s[i]);
                continue;
            }

            var reserved = open.Count > 0 && open[^1].Kind is "Code" or "Pre" or "PreCode" ? "`" : Reserved;
            if (c >= 0x80 || !reserved.Contains((char)c, StringComparison.Ordinal))
            {
                utf16 += Utf8Text.Utf16Units(c);
                result.Add(c);
                continue;
            }

            var isEnd = open.Count > 0 && IsEndOf(open[^1].Kind, s, i, haveBlockquote);
            if (!isEnd)
            {
                var byteOffset = i;
                var argument = "";
                string kind;
                switch ((char)c)
                {
                    case '_':
                        kind = s[i + 1] == '_' ? "Underline" : "Italic";
                        if (kind == "Underline")
                        {
                            i++;
                        }

                        break;
                    case '*':
                        kind = "Bold";
                        break;
                    case '~':
                        kind = "Strikethrough";
                        break;
                    case '|' when s[i + 1] == '|':
                        i++;
                        kind = "Spoiler";
                        break;
                    case '[':
                        kind = "TextUrl";
                        break;
                    case '`' when s[i + 1] == '`' && s[i + 2] == '`':
                        i += 3;
                        kind = "Pre";
                        var languageEnd = i;
                        while (!Utf8Text.IsSpace(s[languageEnd]) && s[languageEnd] != '`')
                        {
                            languageEnd++;
                        }

                        if (i != languageEnd && languageEnd < s.Length && s[languageEnd] != '`')
                        {
                            kind = "PreCode";
                            argument = s.Slice(i, languageEnd - i);
                            i = languageEnd;
                        }

                        if (s[i] is (byte)'\n' or (byte)'\r')
                        {
                            i += s[i + 1] is (byte)'\n' or (byte)'\r' && s[i] != s[i + 1] ? 2 : 1;
                        }

                        i--;
                        break;
                    case '`':
                        kind = "Code";
                        break;
                    case '!' when s[i + 1] == '[':
                        i++;
                        kind = "CustomEmoji";
                        break;
                    case '\n':
                        utf16 += 1;
                        result.Add((byte)'\n');
                        if (s[i + 1] == '>')
                        {
                            i++;
                            if (!haveBlockquote)
                            {
                                haveBlockquote = true;
                                open.Add(new Open("BlockQuote", "", utf16, byteOffset, result.Count));
                            }
                        }

                        continue;
                    case '>' when i == 0:
                        kind = "BlockQuote";
                        haveBlockquote = true;
                        break;
                    default:
                        throw ApiErrors.CantParseEntities($"Character '{(char)c}' is reserved and must be escaped with the preceding '\\'");
                }

                open.Add(new Open(kind, argument, utf16, byteOffset, result.Count));
                continue;
            }

            var top = open[^1];
            if (c == '\n' && top.Kind != "BlockQuote")
            {
                throw ApiErrors.CantParseEntities($"Can't find end of {top.Kind} entity at byte offset {top.ByteOffset}");
            }

            i = CloseEntity(s, i, top, utf16, result, entities, ref haveBlockquote, out var addedUnits);
            utf16 += addedUnits;
            open.RemoveAt(open.Count - 1);
        }

        if (haveBlockquote && open.Count > 0 && open[^1].Kind == "BlockQuote")
        {
            var top = open[^1];
            if (utf16 > top.EntityOffset)
            {
                entities.Add(new TextEntity("blockquote", top.EntityOffset, utf16 - top.EntityOffset));
            }

            open.RemoveAt(open.Count - 1);
        }

        if (open.Count > 0)
        {
            throw ApiErrors.CantParseEntities($"Can't find end of {open[^1].Kind} entity at byte offset {open[^1].ByteOffset}");
        }

        return new FormattedText(Encoding.UTF8.GetString(result.ToArray()), FormattedText.Sorted(entities));
    }

    private static bool IsEndOf(string kind, Utf8Text s, int i, bool haveBlockquote)
    {
        var c = s[i];
        if (haveBlockquote && c == '\n' && (i + 1 == s.Length || s[i + 1] != '>'))
        {
            return true;
        }

        return kind switch
        {
            "Bold" => c == '*',
            "Italic" => c == '_' && s[i + 1] != '_',
            "Code" => c == '`',
            "Pre" or "PreCode" => c == '`' && s[i + 1] == '`' && s[i + 2] == '`',
            "TextUrl" or "CustomEmoji" => c == ']',
            "Underline" => c == '_' && s[i + 1] == '_',
            "Strikethrough" => c == '~',
            "Spoiler" => c == '|' && s[i + 1] == '|',
            _ => false,
        };
    }

    private static int CloseEntity(
        Utf8Text s, int i, Open top, int utf16, List<byte> result, List<TextEntity> entities, ref bool haveBlockquote, out int addedUnits)
    {
        addedUnits = 0;
        var skip = utf16 == top.EntityOffset;
        var offset = top.EntityOffset;
        TextEntity? entity = null;
        switch (top.Kind)
        {
            case "Bold" or "Italic" or "Code" or "Strikethrough":
                break;
            case "Underline" or "Spoiler":
                i++;
                break;
            case "Pre" or "PreCode":
                i += 2;
                break;
            case "TextUrl":
                string url;
                if (s[i + 1] != '(')
                {
                    url = Encoding.UTF8.GetString(result.GetRange(top.ResultBegin, result.Count - top.ResultBegin).ToArray());
                }
                else
                {
                    i += 2;
                    url = ReadUrl(s, ref i, "Can't find end of a URL at byte offset ");
                }

                entity = LinkChecker.LinkEntity(url, offset, utf16 - offset);
                skip |= entity is null;
                break;
            case "CustomEmoji":
                if (s[i + 1] != '(')
                {
                    throw ApiErrors.CantParseEntities("Custom emoji entity must contain a tg://emoji URL");
                }

                i += 2;
                var emojiUrl = ReadUrl(s, ref i, "Can't find end of a custom emoji URL at byte offset ");
                const string prefix = "tg://emoji?id=";
                if (!emojiUrl.StartsWith(prefix, StringComparison.Ordinal) || !long.TryParse(emojiUrl.AsSpan(prefix.Length), out var emojiId) || emojiId == 0)
                {
                    throw ApiErrors.CantParseEntities("Invalid custom emoji identifier specified");
                }

                entity = new TextEntity("custom_emoji", offset, utf16 - offset, CustomEmojiId: emojiUrl[prefix.Length..]);
                break;
            case "BlockQuote":
                haveBlockquote = false;
                // The closing newline belongs to the quote.
                result.Add(s[i]);
                addedUnits = 1;
                utf16 += 1;
                break;
        }

        if (!skip)
        {
            var length = utf16 - offset;
            entities.Add(entity ?? top.Kind switch
            {
                "Bold" => new TextEntity("bold", offset, length),
                "Italic" => new TextEntity("italic", offset, length),
                "Underline" => new TextEntity("underline", offset, length),
                "Strikethrough" => new TextEntity("strikethrough", offset, length),
                "Spoiler" => new TextEntity("spoiler", offset, length),
                "Code" => new TextEntity("code", offset, length),
                "Pre" => new TextEntity("pre", offset, length),
                "PreCode" => new TextEntity("pre", offset, length, Language: top.Argument),
                _ => new TextEntity("blockquote", offset, length),
            });
        }

        return i;
    }

    private static string ReadUrl(Utf8Text s, ref int i, string error)
    {
        var begin = i;
        var url = new List<byte>();
        while (i < s.Length && s[i] != ')')
        {
            if (s[i] == '\\' && s[i + 1] is > 0 and <= 126)
            {
                url.Add(s[i + 1]);
                i += 2;
                continue;
            }

            url.Add(s[i++]);
        }

        if (s[i] != ')')
        {
            throw ApiErrors.CantParseEntities(error + begin);
        }

        return Encoding.UTF8.GetString(url.ToArray());
    }
}
