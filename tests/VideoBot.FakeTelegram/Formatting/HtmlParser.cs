using System.Text;
using VideoBot.FakeTelegram.Api;

namespace VideoBot.FakeTelegram.Formatting;

/// <summary>
/// parse_mode=HTML with Telegram's rules (tdlib's parse_html): only its tags, only &amp;lt; &amp;gt; &amp;amp;
/// &amp;quot; and numeric references are decoded (any other '&amp;' stays literal), and a stray '&lt;' is a tag
/// start. Errors carry tdlib's exact wording and UTF-8 byte offsets.
/// </summary>
internal static class HtmlParser
{
    private static readonly HashSet<string> SupportedTags =
    [
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote",
    ];

    private sealed record OpenTag(string Name, string Argument, int EntityOffset, int ResultBegin, bool Expandable);

    public static FormattedText Parse(string html)
    {
        var s = new Utf8Text(html);
        var result = new List<byte>(s.Length);
        var entities = new List<TextEntity>();
        var open = new List<OpenTag>();
        var utf16 = 0;
        var needRecheck = false;

        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '&')
            {
                var pos = i;
                var code = DecodeEntity(s, ref pos);
                if (code != 0)
                {
                    i = pos - 1;
                    utf16 += code > 0xFFFF ? 2 : 1;
                    needRecheck |= code is >= 0xD800 and <= 0xDFFF;
                    Utf8Text.AppendCodePoint(result, code);
                    continue;
                }
            }

            if (c != '<')
            {
                utf16 += Utf8Text.Utf16Units(c);
                result.Add(c);
                continue;
            }

            var begin = i++;
            if (s[i] != '/')
            {
                i = ReadStartTag(s, i, begin, utf16, result.Count, open);
                continue;
            }

            if (open.Count == 0)
            {
                throw Fail($"Unexpected end tag at byte offset {begin}");
            }

            while (!Utf8Text.IsSpace(s[i]) && s[i] != '>')
            {
                i++;
            }

            var endName = s.Slice(begin + 2, i - begin - 2).ToLowerInvariant();
            while (Utf8Text.IsSpace(s[i]) && s[i] != 0)
            {
                i++;
            }

            if (s[i] != '>')
            {
                throw Fail($"Unclosed end tag at byte offset {begin}");
            }

            var top = open[^1];
            if (endName.Length > 0 && endName != top.Name)
            {
                throw Fail($"Unmatched end tag at byte offset {begin}, expected \"</{top.Name}>\", found \"</{endName}>\"");
            }

            if (utf16 > top.EntityOffset)
            {
                AddEntity(entities, top, utf16 - top.EntityOffset, result);
            }

            open.RemoveAt(open.Count - 1);
        }

        if (open.Count > 0)
        {
            throw Fail($"Can't find end tag corresponding to start tag \"{open[^1].Name}\"");
        }

        var bytes = result.ToArray();
        string text;
        try
        {
            text = new UTF8Encoding(false, needRecheck).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Fail("Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units");
        }

        // A code entity's language only survives inside pre.
        var cleaned = entities.Select(e => e.Type == "code" ? e with { Language = null } : e);
        return new FormattedText(text, FormattedText.Sorted(cleaned));
    }

    private static int ReadStartTag(Utf8Text s, int i, int begin, int utf16, int resultCount, List<OpenTag> open)
    {
        while (!Utf8Text.IsSpace(s[i]) && s[i] != '>')
        {
            i++;
        }

        if (s[i] == 0)
        {
            throw Fail($"Unclosed start tag at byte offset {begin}");
        }

        var name = s.Slice(begin + 1, i - begin - 1).ToLowerInvariant();
        if (!SupportedTags.Contains(name))
        {
            throw Fail($"Unsupported start tag \"{name}\" at byte offset {begin}");
        }

        var argument = "";
        var expandable = false;
        while (s[i] != '>')
        {
            while (s[i] != 0 && Utf8Text.IsSpace(s[i]))
            {
                i++;
            }

            if (s[i] == '>')
            {
                break;
            }

            var attributeBegin = i;
            while (!Utf8Text.IsSpace(s[i]) && s[i] != '=' && s[i] != '>')
            {
                i++;
            }

            var attribute = s.Slice(attributeBegin, i - attributeBegin);
            if (attribute.Length == 0)
            {
                throw Fail($"Empty attribute name in the tag \"{name}\" at byte offset {begin}");
            }

            while (s[i] != 0 && Utf8Text.IsSpace(s[i]))
            {
                i++;
            }

            // <blockquote expandable> is the one valueless attribute Telegram knows.
            if (s[i] != '=' && name == "blockquote" && attribute == "expandable")
            {
                expandable = true;
                continue;
            }

            if (s[i] != '=')
            {
                throw Fail($"Expected equal sign in declaration of an attribute of the tag \"{name}\" at byte offset {begin}");
            }

            i++;
            while (s[i] != 0 && Utf8Text.IsSpace(s[i]))
            {
                i++;
            }

            if (s[i] == 0)
            {
                throw Fail($"Unclosed start tag \"{name}\" at byte offset {begin}");
            }

            string value;
            if (s[i] != '\'' && s[i] != '"')
            {
                var tokenBegin = i;
                while (Utf8Text.IsAlpha(s[i]) || Utf8Text.IsDigit(s[i]) || s[i] == '.' || s[i] == '-')
                {
                    i++;
                }

                value = s.Slice(tokenBegin, i - tokenBegin).ToLowerInvariant();
                if (!Utf8Text.IsSpace(s[i]) && s[i] != '>')
                {
                    throw Fail($"Unexpected end of name token at byte offset {tokenBegin}");
                }
            }
            else
            {
                var quote = s[i++];
                var valueBytes = new List<byte>();
                while (s[i] != quote && s[i] != 0)
                {
                    if (s[i] == '&')
                    {
                        var pos = i;
                        var code = DecodeEntity(s, ref pos);
                        if (code != 0)
                        {
                            Utf8Text.AppendCodePoint(valueBytes, code);
                            i = pos;
                            continue;
                        }
                    }

                    valueBytes.Add(s[i++]);
                }

                if (s[i] == quote)
                {
                    i++;
                }

                value = Encoding.UTF8.GetString(valueBytes.ToArray());
            }

            if (s[i] == 0)
            {
                throw Fail($"Unclosed start tag at byte offset {begin}");
            }

            argument = (name, attribute) switch
            {
                ("a", "href") => value,
                ("code", "class") when value.StartsWith("language-", StringComparison.Ordinal) => value[9..],
                ("span", "class") when value.StartsWith("tg-", StringComparison.Ordinal) => value[3..],
                ("tg-emoji", "emoji-id") => value,
                _ => argument,
            };
        }

        if (name == "span" && argument != "spoiler")
        {
            throw Fail($"Tag \"span\" must have class \"tg-spoiler\" at byte offset {begin}");
        }

        open.Add(new OpenTag(name, argument, utf16, resultCount, expandable));
        return i;
    }

    private static void AddEntity(List<TextEntity> entities, OpenTag tag, int length, List<byte> result)
    {
        var offset = tag.EntityOffset;
        switch (tag.Name)
        {
            case "i" or "em":
                entities.Add(new TextEntity("italic", offset, length));
                break;
            case "b" or "strong":
                entities.Add(new TextEntity("bold", offset, length));
                break;
            case "s" or "strike" or "del":
                entities.Add(new TextEntity("strikethrough", offset, length));
                break;
            case "u" or "ins":
                entities.Add(new TextEntity("underline", offset, length));
                break;
            case "tg-spoiler" or "span":
                entities.Add(new TextEntity("spoiler", offset, length));
                break;
            case "tg-emoji":
                if (!long.TryParse(tag.Argument, out var emojiId) || emojiId == 0)
                {
                    throw ApiErrors.CantParseEntities("Invalid custom emoji identifier specified");
                }

                entities.Add(new TextEntity("custom_emoji", offset, length, CustomEmojiId: tag.Argument));
                break;
            case "a":
                var url = tag.Argument.Length > 0
                    ? tag.Argument
                    : Encoding.UTF8.GetString(result.GetRange(tag.ResultBegin, result.Count - tag.ResultBegin).ToArray());
                if (LinkChecker.LinkEntity(url, offset, length) is { } link)
                {
                    entities.Add(link);
                }

                break;
            case "pre":
                if (entities.Count > 0 && entities[^1] is { Type: "code", Language.Length: > 0 } code && code.Offset == offset && code.Length == length)
                {
                    entities[^1] = code with { Type = "pre" };
                }
                else
                {
                    entities.Add(new TextEntity("pre", offset, length));
                }

                break;
            case "code":
                if (entities.Count > 0 && entities[^1] is { Type: "pre" } pre && pre.Offset == offset && pre.Length == length && tag.Argument.Length > 0)
                {
                    entities[^1] = pre with { Language = tag.Argument };
                }
                else
                {
                    entities.Add(new TextEntity("code", offset, length, Language: tag.Argument.Length > 0 ? tag.Argument : null));
                }

                break;
            case "blockquote":
                entities.Add(new TextEntity(tag.Expandable ? "expandable_blockquote" : "blockquote", offset, length));
                break;
        }
    }

    /// <summary>Decodes a character reference at <paramref name="pos"/> (on '&amp;'); 0 when it is not one Telegram knows.</summary>
    private static int DecodeEntity(Utf8Text s, ref int pos)
    {
        var end = pos + 1;
        long value = 0;
        if (s[pos + 1] == '#')
        {
            end++;
            if (s[pos + 2] == 'x')
            {
                end++;
                while (Utf8Text.IsHexDigit(s[end]))
                {
                    value = Math.Min(value * 16 + Convert.ToInt32(((char)s[end++]).ToString(), 16), int.MaxValue);
                }
            }
            else
            {
                while (Utf8Text.IsDigit(s[end]))
                {
                    value = Math.Min(value * 10 + (s[end++] - '0'), int.MaxValue);
                }
            }

            if (value == 0 || value >= 0x10FFFF || end - pos >= 10)
            {
                return 0;
            }
        }
        else
        {
            while (Utf8Text.IsAlpha(s[end]))
            {
                end++;
            }

            value = s.Slice(pos + 1, end - pos - 1) switch
            {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                _ => 0,
            };
            if (value == 0)
            {
                return 0;
            }
        }

        pos = s[end] == ';' ? end + 1 : end;
        return (int)value;
    }

    private static BotApiException Fail(string detail) => ApiErrors.CantParseEntities(detail);
}
