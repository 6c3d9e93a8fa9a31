namespace VideoBot.Host.Scripting;

/// <summary>
/// What a page will cost to parse, read in one linear pass before AngleSharp sees it: how many elements its tags open and how
/// deep they nest. AngleSharp's tree construction grows worse than quadratically with nesting (100k nested <c>div</c>s take
/// tens of seconds) and allocates a few hundred bytes per element, so both are known, and refused, before the parse starts.
/// The pass is an estimate on the safe side: it follows the tokenizer's shape (comments, raw-text elements, void elements),
/// not the tree builder's repairs, so it may count a level that the parser would close implicitly, never the reverse.
/// </summary>
/// <param name="Elements">Start tags, the elements the parse will create (give or take the implied html/head/body).</param>
/// <param name="Depth">The deepest nesting the start and end tags reach.</param>
internal readonly record struct HtmlShape(int Elements, int Depth)
{
    /// <summary>The nesting limit: Chromium's HTML parser and AngleSharp's <c>DefaultMaximumDepth</c> both stop at 512.</summary>
    public const int MaxDepth = 512;

    /// <summary>
    /// Bytes a parse allocates, for the run's memory budget: about 4 per character (the text and its copies in the DOM) and
    /// 512 per element (the node, its attribute list and position), both measured on AngleSharp 1.10 and rounded up.
    /// </summary>
    public static long CostBytes(int characters, int elements) => (characters * 4L) + (elements * 512L);

    // Elements with no content: never pushed on the stack of open elements.
    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
        "basefont", "bgsound", "frame", "image",
    };

    // Elements whose end tag may be left out: the parser closes them when a sibling starts, so they never add up to depth.
    private static readonly HashSet<string> ImpliedEnd = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption",
        "rb", "rt", "rtc", "rp", "html", "head", "body",
    };

    // Their content is text up to their own end tag, so a '<' inside is not a tag.
    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> VoidLookup = Void.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ImpliedEndLookup = ImpliedEnd.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> RawTextLookup = RawText.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Reads the page's shape; stops early (with what it counted so far) once the element count passes <paramref name="stopAfterElements"/>.</summary>
    public static HtmlShape Read(ReadOnlySpan<char> html, int stopAfterElements)
    {
        int elements = 0, depth = 0, deepest = 0, foreign = 0;
        var at = 0;
        while (elements <= stopAfterElements && (at = IndexOf(html, '<', at)) >= 0 && at + 1 < html.Length)
        {
            var next = html[at + 1];
            if (next == '!')
            {
                at = html[at..].StartsWith("<!--") ? SkipPast(html, at + 4, "-->") : SkipPast(html, at + 2, ">");
                continue;
            }

            var closing = next == '/';
            var nameStart = closing ? at + 2 : at + 1;
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
            {
                at++;
                continue;
            }

            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':' or '_'))
            {
                nameEnd++;
            }

            var name = html[nameStart..nameEnd];
            var tagEnd = IndexOf(html, '>', nameEnd);
            if (tagEnd < 0)
            {
                break;
            }

            at = tagEnd + 1;
            var isForeignRoot = name.Equals("svg", StringComparison.OrdinalIgnoreCase) || name.Equals("math", StringComparison.OrdinalIgnoreCase);
            if (closing)
            {
                if (!VoidLookup.Contains(name) && !ImpliedEndLookup.Contains(name))
                {
                    depth = Math.Max(0, depth - 1);
                }

                if (isForeignRoot)
                {
                    foreign = Math.Max(0, foreign - 1);
                }

                continue;
            }

            elements++;
            // "<div/>" opens a div in HTML (the slash is ignored); only inside svg and math does it close the element.
            var selfClosed = foreign > 0 && html[tagEnd - 1] == '/';
            if (!selfClosed && !VoidLookup.Contains(name) && !ImpliedEndLookup.Contains(name))
            {
                depth++;
                deepest = Math.Max(deepest, depth);
                foreign += isForeignRoot ? 1 : 0;
            }

            if (foreign == 0 && RawTextLookup.Contains(name))
            {
                at = SkipToEndTag(html, at, name);
                depth = Math.Max(0, depth - 1);
            }
        }

        return new HtmlShape(elements, deepest);
    }

    private static int IndexOf(ReadOnlySpan<char> text, char value, int from)
    {
        var found = text[from..].IndexOf(value);
        return found < 0 ? -1 : from + found;
    }

    private static int SkipPast(ReadOnlySpan<char> text, int from, string marker)
    {
        var found = text[from..].IndexOf(marker, StringComparison.Ordinal);
        return found < 0 ? text.Length : from + found + marker.Length;
    }

    private static int SkipToEndTag(ReadOnlySpan<char> text, int from, ReadOnlySpan<char> name)
    {
        for (var at = from; (at = IndexOf(text, '<', at)) >= 0; at++)
        {
            if (at + 2 + name.Length <= text.Length && text[at + 1] == '/' && text.Slice(at + 2, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                var end = IndexOf(text, '>', at);
                return end < 0 ? text.Length : end + 1;
            }
        }

        return text.Length;
    }
}
