using System.Text.RegularExpressions;
using VideoBot.Host.Plugins;

namespace VideoBot.Host.Manifests;

/// <summary>Compiles and checks the URL patterns of manifests (<c>urlPatterns</c>, <c>resolveRedirects</c>).</summary>
internal static class UrlPatterns
{
    /// <summary>Compiles a manifest pattern exactly as the loader does for the router. Throws <see cref="ArgumentException"/> when it is not a valid regex.</summary>
    public static Regex Compile(string pattern) => new(pattern, PluginPatterns.Options, PluginPatterns.MatchTimeout);

    /// <summary>Checks that a pattern compiles and is anchored at both ends as a whole.</summary>
    public static bool IsValid(string pattern, out string reason)
    {
        try
        {
            _ = Compile(pattern);
        }
        catch (RegexParseException ex)
        {
            reason = $"is not a valid .NET regular expression: {Words(ex.Error.ToString())} at offset {ex.Offset}";
            return false;
        }
        catch (ArgumentException ex)
        {
            reason = $"is not a valid .NET regular expression: {ex.Message}";
            return false;
        }

        return IsAnchored(pattern, out reason);
    }

    /// <summary>
    /// The schema already demands a leading <c>^</c> and trailing <c>$</c>; this catches the ways a pattern can have both and
    /// still match inside a longer URL: a top-level alternation (<c>^a|b$</c> is <c>(^a)|(b$)</c>) and an escaped final
    /// dollar (<c>\$</c> is a literal character). Both would let <c>https://evil.net/?u=youtube.com/…</c> through.
    /// </summary>
    private static bool IsAnchored(string pattern, out string reason)
    {
        if (pattern.Length < 2 || pattern[0] != '^' || pattern[^1] != '$')
        {
            reason = "must be anchored: start with ^ and end with $";
            return false;
        }

        var trailingBackslashes = 0;
        for (var i = pattern.Length - 2; i >= 0 && pattern[i] == '\\'; i--)
        {
            trailingBackslashes++;
        }

        if (trailingBackslashes % 2 == 1)
        {
            reason = "must end with an anchor $, not an escaped \\$";
            return false;
        }

        if (HasTopLevelAlternation(pattern))
        {
            reason = "has a top-level | that leaves its alternatives unanchored; group them: ^(?:a|b)$";
            return false;
        }

        reason = "";
        return true;
    }

    /// <summary>"InsufficientClosingParentheses" → "insufficient closing parentheses".</summary>
    private static string Words(string pascalCase) =>
        string.Concat(pascalCase.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static bool HasTopLevelAlternation(string pattern)
    {
        var depth = 0;
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++; // the escaped character is a literal, whatever it is
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    // a ']' right after '[' or '[^' is a literal member of the class
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^') i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']') i++;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case '|' when depth == 0:
                    return true;
            }
        }

        return false;
    }
}
