using System.Text;

namespace VideoBot.FakeTelegram.Formatting;

/// <summary>
/// A UTF-8 view of a text with C-string semantics (reading past the end gives 0), because Telegram's parsers
/// work on UTF-8 bytes and report "byte offset"s in their errors; offsets into the result count UTF-16 units.
/// </summary>
internal sealed class Utf8Text(string text)
{
    private readonly byte[] _bytes = Encoding.UTF8.GetBytes(text);

    public int Length => _bytes.Length;

    public byte this[int index] => index >= 0 && index < _bytes.Length ? _bytes[index] : (byte)0;

    public string Slice(int start, int length) => Encoding.UTF8.GetString(_bytes, start, Math.Max(0, Math.Min(length, _bytes.Length - start)));

    /// <summary>UTF-16 units taken by the character whose first UTF-8 byte is <paramref name="b"/> (0 for continuation bytes).</summary>
    public static int Utf16Units(byte b) => (b & 0xC0) == 0x80 ? 0 : b >= 0xF0 ? 2 : 1;

    public static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0 or (byte)'\v' or (byte)'\f';

    public static bool IsAlpha(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z';

    public static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    public static bool IsHexDigit(byte b) => IsDigit(b) || b is >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    public static void AppendCodePoint(List<byte> output, int codePoint)
    {
        Span<byte> buffer = stackalloc byte[4];
        // Lone surrogates from numeric references are written as WTF-8 like tdlib does, then rejected later.
        if (codePoint is >= 0xD800 and <= 0xDFFF)
        {
            output.Add((byte)(0xE0 | (codePoint >> 12)));
            output.Add((byte)(0x80 | ((codePoint >> 6) & 0x3F)));
            output.Add((byte)(0x80 | (codePoint & 0x3F)));
            return;
        }

        var written = new Rune(codePoint).EncodeToUtf8(buffer);
        for (var i = 0; i < written; i++)
        {
            output.Add(buffer[i]);
        }
    }
}
