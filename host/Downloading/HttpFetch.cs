using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using VideoBot.Host.Network;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Downloading;

/// <summary>Streaming HTTP helpers for downloads: the site's headers, failures mapped to extraction errors, byte caps.</summary>
internal static class HttpFetch
{
    /// <summary>The copy buffer: large enough for throughput, small enough to stay out of the large-object heap.</summary>
    public const int BufferSize = 81920;

    /// <summary>A stalled server fails the download after this long without a byte.</summary>
    public static readonly TimeSpan ReadIdleTimeout = TimeSpan.FromSeconds(60);

    // Headers the transport owns; a site's format must not set them.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Range", "Accept-Encoding", "Proxy-Authorization", "Upgrade", "TE",
    };

    /// <summary>Sends a GET with <paramref name="headers"/>, returning once the headers arrived.</summary>
    /// <exception cref="ExtractionException">A failure status or a network error, by kind.</exception>
    public static async Task<HttpResponseMessage> GetAsync(
        HttpClient client, Uri url, IReadOnlyDictionary<string, string> headers, RangeHeaderValue? range, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
        {
            if (!Reserved.Contains(name) && !name.Any(char.IsControl) && !value.Any(char.IsControl))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.Range = range;
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (NetworkPolicyException.Find(e) is { } policy)
        {
            throw new ExtractionException(ExtractionErrorKind.PermissionDenied, $"The gateway refused a media request: {policy.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new ExtractionException(ExtractionErrorKind.Network, $"The media request failed: {e.HttpRequestError}.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExtractionException(ExtractionErrorKind.Network, "The media request timed out.", e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        var status = response.StatusCode;
        var retryAfter = response.Headers.RetryAfter?.Delta;
        response.Dispose();
        throw Failure(status, retryAfter);
    }

    /// <summary>Reads a small text document (a playlist), refusing more than <paramref name="maxBytes"/>.</summary>
    public static async Task<string> GetTextAsync(
        HttpClient client, Uri url, IReadOnlyDictionary<string, string> headers, int maxBytes, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(client, url, headers, null, cancellationToken);
        using var buffer = new MemoryStream();
        await CopyAsync(response.Content, buffer, 0, maxBytes, null,
            () => new ExtractionException(ExtractionErrorKind.SiteChanged, $"The playlist is larger than {maxBytes} bytes."), cancellationToken);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Copies <paramref name="content"/> to <paramref name="destination"/> in <see cref="BufferSize"/> chunks, never holding the body in
    /// memory. <paramref name="written"/> bytes are already on disk; past <paramref name="max"/> in total, <paramref name="tooLarge"/> is thrown.
    /// </summary>
    /// <returns>The total written so far, <paramref name="written"/> included.</returns>
    public static async Task<long> CopyAsync(
        HttpContent content, Stream destination, long written, long max, Action<long>? onProgress, Func<Exception> tooLarge, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var source = await content.ReadAsStreamAsync(cancellationToken);
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            while (true)
            {
                idle.CancelAfter(ReadIdleTimeout);
                int read;
                try
                {
                    read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), idle.Token);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new ExtractionException(ExtractionErrorKind.Network, $"The server sent nothing for {ReadIdleTimeout.TotalSeconds} s.", e);
                }
                catch (IOException e)
                {
                    throw new ExtractionException(ExtractionErrorKind.Network, "The connection broke during the download.", e);
                }
                catch (HttpRequestException e)
                {
                    throw new ExtractionException(ExtractionErrorKind.Network, "The connection broke during the download.", e);
                }

                if (read == 0)
                {
                    return written;
                }

                // Checked before writing: a server that lies about (or omits) its length never gets more than the cap onto disk.
                if (written + read > max)
                {
                    throw tooLarge();
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                written += read;
                onProgress?.Invoke(written);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The extraction error for a failure status.</summary>
    public static ExtractionException Failure(HttpStatusCode status, TimeSpan? retryAfter = null) => status switch
    {
        HttpStatusCode.NotFound or HttpStatusCode.Gone => new ExtractionException(ExtractionErrorKind.NotFound, $"The media answered {(int)status}."),
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ExtractionException(ExtractionErrorKind.LoginRequired, $"The media answered {(int)status}."),
        HttpStatusCode.UnavailableForLegalReasons => new ExtractionException(ExtractionErrorKind.GeoBlocked, "The media answered 451."),
        HttpStatusCode.TooManyRequests => new ExtractionException(ExtractionErrorKind.RateLimited, "The media answered 429.") { RetryAfter = retryAfter },
        _ when (int)status >= 500 => new ExtractionException(ExtractionErrorKind.Network, $"The media answered {(int)status}."),
        _ => new ExtractionException(ExtractionErrorKind.SiteChanged, $"The media answered {(int)status}."),
    };
}
