namespace VideoBot.Host.Scripting;

/// <summary>
/// The worst-case work of matching a CSS selector against one element. AngleSharp matches a descendant combinator by trying
/// every ancestor, and a general sibling combinator (<c>~</c>) or <c>:has()</c> by trying every sibling or descendant, with
/// backtracking: a failing <c>a b c d</c> costs depth³ per element. A selection checks the run's clock between elements, so
/// one element's match must stay small: the product of each alternative's fan-outs is capped.
/// </summary>
internal static class SelectorCost
{
    /// <summary>At most three descendant combinators at full depth (512³), or one <c>~</c> with one descendant.</summary>
    public const long MaxPerElement = 512L * 512 * 512;

    public const int MaxLength = 1_000;

    /// <summary>The cost of the most expensive alternative of a selector list (alternatives separated by top-level commas).</summary>
    public static long Estimate(string selector, int maxElements)
    {
        long worst = 1, current = 1;
        var parentheses = 0;
        var quote = '\0';
        var pendingSpace = false;
        for (var i = 0; i < selector.Length; i++)
        {
            var c = selector[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '(':
                    parentheses++;
                    if (selector.AsSpan(0, i).EndsWith(":has", StringComparison.OrdinalIgnoreCase))
                    {
                        current = Multiply(current, maxElements);
                    }

                    break;
                case ')':
                    parentheses = Math.Max(0, parentheses - 1);
                    break;
                case ',' when parentheses == 0:
                    worst = Math.Max(worst, current);
                    current = 1;
                    pendingSpace = false;
                    continue;
                case '~':
                    current = Multiply(current, maxElements);
                    pendingSpace = false;
                    continue;
                case '>' or '+':
                    pendingSpace = false;
                    continue;
                case ' ' or '\t' or '\n' or '\r' or '\f':
                    // White space is a descendant combinator only between two compound selectors, not around another combinator.
                    pendingSpace = i > 0 && selector[i - 1] is not ('(' or ',' or '>' or '+' or '~' or ' ' or '\t' or '\n' or '\r' or '\f');
                    continue;
            }

            if (pendingSpace && c is not ')')
            {
                current = Multiply(current, HtmlShape.MaxDepth);
            }

            pendingSpace = false;
        }

        return Math.Max(worst, current);
    }

    private static long Multiply(long a, long b) => a > long.MaxValue / Math.Max(b, 1) ? long.MaxValue : a * b;
}
