using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoBot.Host.Media;

/// <summary>Why a range was refused; each has its own message to the user.</summary>
internal enum ClipRangeError
{
    /// <summary>Not <c>START-END</c>: a side is missing (<c>-1</c>, <c>5-</c>).</summary>
    Shape,

    /// <summary>A side is not a time (<c>99:99</c>, <c>1:2:3:4</c>, <c>abc</c>).</summary>
    BadTime,

    /// <summary>The end is not after the start (<c>5-2</c>, <c>3-3</c>).</summary>
    EndBeforeStart,
}

/// <summary>
/// Reads <c>START-END</c>, each side in seconds (<c>75</c>, <c>75.5</c>), <c>m:ss</c> or <c>h:mm:ss</c>. In <c>m:ss</c> and
/// <c>h:mm:ss</c> the seconds and minutes are below 60, so a typo such as <c>99:99</c> is refused rather than read as 100 minutes.
/// </summary>
internal static partial class ClipRangeParser
{
    /// <summary>The longest range text taken; anything longer is not a range.</summary>
    private const int MaxLength = 40;

    /// <summary>True when <paramref name="token"/> looks like an attempt at a range (digits, colons, dots and one dash).</summary>
    public static bool LooksLikeRange(string token) => token.Length <= MaxLength && RangeShape().IsMatch(token);

    /// <summary>The range, or the reason it is refused.</summary>
    public static (ClipRange? Range, ClipRangeError? Error) Parse(string text, bool precise = false)
    {
        var token = text.Trim();
        var dash = token.IndexOf('-', StringComparison.Ordinal);
        if (token.Length > MaxLength || dash <= 0 || dash == token.Length - 1 || token.IndexOf('-', dash + 1) >= 0)
        {
            return (null, ClipRangeError.Shape);
        }

        if (!TryTime(token[..dash], out var start) || !TryTime(token[(dash + 1)..], out var end))
        {
            return (null, ClipRangeError.BadTime);
        }

        return end <= start ? (null, ClipRangeError.EndBeforeStart) : (new ClipRange(start, end, precise), null);
    }

    /// <summary>One side: <c>ss[.fff]</c>, <c>m:ss[.fff]</c> or <c>h:mm:ss[.fff]</c>; at most 99 hours.</summary>
    public static bool TryTime(string text, out TimeSpan time)
    {
        time = TimeSpan.Zero;
        var match = TimeShape().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var parts = match.Groups["whole"].Value.Split(':');
        var numbers = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            numbers[i] = long.Parse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture);
            // Every part after the first counts in sixties: 1:75 is not a time.
            if (i > 0 && numbers[i] >= 60)
            {
                return false;
            }
        }

        var seconds = parts.Length switch
        {
            1 => numbers[0],
            2 => (numbers[0] * 60) + numbers[1],
            _ => (numbers[0] * 3600) + (numbers[1] * 60) + numbers[2],
        };
        if (seconds > 99 * 3600)
        {
            return false;
        }

        var fraction = match.Groups["fraction"].Success
            ? double.Parse("0." + match.Groups["fraction"].Value, CultureInfo.InvariantCulture)
            : 0;
        time = TimeSpan.FromSeconds(seconds) + TimeSpan.FromMilliseconds(Math.Round(fraction * 1000));
        return true;
    }

    [GeneratedRegex(@"^(?<whole>\d{1,6}(?::\d{1,2}){0,2})(?:\.(?<fraction>\d{1,3}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeShape();

    [GeneratedRegex(@"^[\d:.]*-[\d:.\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex RangeShape();
}
