using System.Text;
using VideoBot.FakeTelegram.Api;

namespace VideoBot.FakeTelegram.Formatting;

/// <summary>
/// The legacy parse_mode=Markdown (tdlib's parse_markdown): _italic_, *bold*, `code`, ```pre```, [text](url);
/// only those four characters can be escaped, and an unclosed one is an error with its byte offset.
/// </summary>
internal static class MarkdownParser
{
    public static FormattedText Parse(string markdown)
    {
        var s = new Utf8Text(markdown);
        var result = new List<byte>(s.Length);
        var entities = new List<TextEntity>();
        var utf16 = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\' && s[i + 1] is (byte)'_' or (byte)'*' or (byte)'`' or (byte)'[')
            {
                i++;
                result.Add(s[i]);
                utf16++;
                continue;
            }

            if (c is not ((byte)'_' or (byte)'*' or (byte)'`' or (byte)'['))
            {
                utf16 += Utf8Text.Utf16Units(c);
                result.Add(c);
                continue;
            }

            var begin = i;
            var endCharacter = c == '[' ? (byte)']' : c;
            var isPre = false;
            var language = "";
            i++;
            if (c == '`' && s[i] == '`' && s[i + 1] == '`')
            {
                i += 2;
                isPre = true;
                var languageEnd = i;
                while (!Utf8Text.IsSpace(s[languageEnd]) && s[languageEnd] != '`')
                {
                    languageEnd++;
                }

                if (i != languageEnd && languageEnd < s.Length && s[languageEnd] != '`')
                {
                    language = s.Slice(i, languageEnd - i);
                    i = languageEnd;
                }

                if (s[i] is (byte)'\n' or (byte)'\r')
                {
                    i += s[i + 1] is (byte)'\n' or (byte)'\r' && s[i] != s[i + 1] ? 2 : 1;
                }
            }

            var entityOffset = utf16;
            var contentBegin = result.Count;
            while (i < s.Length && (s[i] != endCharacter || (isPre && !(s[i + 1] == '`' && s[i + 2] == '`'))))
            {
                utf16 += Utf8Text.Utf16Units(s[i]);
                result.Add(s[i++]);
            }

            if (i == s.Length)
            {
                throw ApiErrors.CantParseEntities($"Can't find end of the entity starting at byte offset {begin}");
            }

            if (entityOffset != utf16)
            {
                var length = utf16 - entityOffset;
                switch ((char)c)
                {
                    case '_':
                        entities.Add(new TextEntity("italic", entityOffset, length));
                        break;
                    case '*':
                        entities.Add(new TextEntity("bold", entityOffset, length));
                        break;
                    case '[':
                        string url;
                        if (s[i + 1] != '(')
                        {
                            url = Encoding.UTF8.GetString(result.GetRange(contentBegin, result.Count - contentBegin).ToArray());
                        }
                        else
                        {
                            i += 2;
                            var urlBytes = new List<byte>();
                            while (i < s.Length && s[i] != ')')
                            {
                                urlBytes.Add(s[i++]);
                            }

                            url = Encoding.UTF8.GetString(urlBytes.ToArray());
                        }

                        if (LinkChecker.LinkEntity(url, entityOffset, length) is { } link)
                        {
                            entities.Add(link);
                        }

                        break;
                    default:
                        entities.Add(isPre
                            ? new TextEntity("pre", entityOffset, length, Language: language.Length > 0 ? language : null)
                            : new TextEntity("code", entityOffset, length));
                        break;
                }
            }

            if (isPre)
            {
                i += 2;
            }
        }

        return new FormattedText(Encoding.UTF8.GetString(result.ToArray()), FormattedText.Sorted(entities));
    }
}
