using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Network;

/// <summary>
/// A plugin's response body under the response cap. The cap counts bytes the plugin reads: a body that declares a larger
/// Content-Length fails when the plugin starts reading it (not before: its headers alone are the plugin's to see), and one
/// without a length, or that lies, fails once the bytes read pass the cap. Both are <see cref="ExtractionErrorKind.PluginFault"/>:
/// the plugin tried to read more than its limit, as with any other sandbox limit (so the next candidate, or yt-dlp, may try).
/// The request's deadline keeps running while the body is read. Owns the deadline's token source.
/// </summary>
internal sealed class CappedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly long _maxBytes;
    private readonly bool _bodyExpected;
    private readonly CancellationTokenSource _deadline;
    private readonly string _what;
    private readonly TimeSpan _timeout;

    /// <param name="bodyExpected">False for an answer that has no body whatever its Content-Length says (HEAD, 204, 304).</param>
    public CappedContent(HttpContent inner, long maxBytes, bool bodyExpected, CancellationTokenSource deadline, string what, TimeSpan timeout)
    {
        _inner = inner;
        _maxBytes = maxBytes;
        _bodyExpected = bodyExpected;
        _deadline = deadline;
        _what = what;
        _timeout = timeout;
        foreach (var (name, values) in inner.Headers)
        {
            Headers.TryAddWithoutValidation(name, values);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        await using var source = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
    {
        if (_bodyExpected && _inner.Headers.ContentLength is { } length && length > _maxBytes)
        {
            throw new ExtractionException(
                ExtractionErrorKind.PluginFault,
                $"refused the response to {_what}: its body of {length} bytes is over the plugin response limit of {PluginBoundaryHandler.Size(_maxBytes)}");
        }

        try
        {
            var inner = await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new CappedStream(inner, this);
        }
        catch (Exception e) when (PluginBoundaryHandler.Translate(e, _what) is { } translated)
        {
            throw translated;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _deadline.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class CappedStream(Stream inner, CappedContent owner) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            try
            {
                n = inner.Read(buffer);
            }
            catch (Exception e) when (PluginBoundaryHandler.Translate(e, owner._what) is { } translated)
            {
                throw translated;
            }

            return Count(n);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int n;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, owner._deadline.Token);
            try
            {
                n = await inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw PluginBoundaryHandler.TimedOut(owner._what, owner._timeout, e);
            }
            catch (Exception e) when (PluginBoundaryHandler.Translate(e, owner._what) is { } translated)
            {
                throw translated;
            }

            return Count(n);
        }

        private int Count(int n)
        {
            _read += n;
            if (_read > owner._maxBytes)
            {
                throw new ExtractionException(
                    ExtractionErrorKind.PluginFault,
                    $"refused the response to {owner._what}: the body is over the plugin response limit of {PluginBoundaryHandler.Size(owner._maxBytes)}");
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
