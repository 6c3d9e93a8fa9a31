using System.Text;

namespace VideoBot.Host.Network;

/// <summary>An HTTP/1.x message head read off a stream: the start line, the header lines, and any bytes read past the head.</summary>
internal sealed class ProxyHead
{
    private ProxyHead(string startLine, List<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> rest)
    {
        StartLine = startLine;
        Headers = headers;
        Rest = rest;
    }

    public string StartLine { get; }
    public List<KeyValuePair<string, string>> Headers { get; }

    /// <summary>Bytes after the blank line (the start of a body), to forward before copying the rest.</summary>
    public ReadOnlyMemory<byte> Rest { get; }

    /// <summary>Reads one head; null when the stream ends before any byte. Throws <see cref="InvalidDataException"/> past <paramref name="maxBytes"/>.</summary>
    public static async Task<ProxyHead?> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                throw new InvalidDataException($"the message head is over {maxBytes} bytes");
            }

            var n = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return filled == 0 ? null : throw new InvalidDataException("the connection closed inside the message head");
            }

            // Search from a little before the new bytes: the terminator may straddle two reads.
            var from = Math.Max(0, filled - 3);
            filled += n;
            var end = buffer.AsSpan(from, filled - from).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var headLength = from + end + 4;
                return Parse(Encoding.Latin1.GetString(buffer, 0, headLength - 4), buffer.AsMemory(headLength, filled - headLength));
            }
        }
    }

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The head as bytes, with a new start line and only the headers <paramref name="keep"/> accepts, plus <paramref name="extra"/>.</summary>
    public byte[] Write(string startLine, Func<string, bool> keep, params string[] extra)
    {
        var text = new StringBuilder(startLine).Append("\r\n");
        foreach (var (name, value) in Headers)
        {
            if (keep(name))
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        foreach (var line in extra)
        {
            text.Append(line).Append("\r\n");
        }

        return Encoding.Latin1.GetBytes(text.Append("\r\n").ToString());
    }

    private static ProxyHead Parse(string head, ReadOnlyMemory<byte> rest)
    {
        var lines = head.Split("\r\n");
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            // Obsolete line folding and header names with spaces are refused: they are how request smuggling starts.
            if (colon <= 0 || line[0] is ' ' or '\t' || line.AsSpan(0, colon).ContainsAny(" \t"))
            {
                throw new InvalidDataException($"malformed header line '{(line.Length > 80 ? line[..80] : line)}'");
            }

            headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        return new ProxyHead(lines[0], headers, rest);
    }
}
