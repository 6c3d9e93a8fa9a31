using System.Buffers;
using System.Text;
using VideoBot.Host.Network;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Scripting;

/// <summary>One <c>http.fetch</c> call, already validated on the engine's thread.</summary>
internal sealed record FetchRequest(HttpMethod Method, Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body, string? ContentType, bool FollowRedirects);

/// <summary>What a fetch brought back: plain data, turned into a JavaScript object on the engine's thread.</summary>
internal sealed record FetchedResponse(int Status, Uri Url, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// The network side of <c>http.fetch</c>: sends through the plugin's permission-checked client and reads the body with a bounded
/// buffer. Every failure leaves as <see cref="ExtractionException"/> (the gateway's PermissionDenied keeps its kind), except
/// cancellation of the run itself, which the run handles.
/// </summary>
internal static class ScriptHttp
{
    private const int ChunkSize = 64 * 1024;

    public static async Task<FetchedResponse> SendAsync(HttpClient client, FetchRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.Url);
        // The gateway's redirect handler reads this (redirect: "manual"); a plain client ignores it.
        message.Options.Set(GatewayRequestOptions.FollowRedirects, request.FollowRedirects);
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, request.ContentType ?? "text/plain");
        }

        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value) && message.Content is not null)
            {
                // Content-Type and friends belong to the content, and replace what StringContent chose.
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = request.Method == HttpMethod.Head ? string.Empty : await ReadBodyAsync(response, request.Url, maxBytes, cancellationToken).ConfigureAwait(false);
            return new FetchedResponse((int)response.StatusCode, response.RequestMessage?.RequestUri ?? request.Url, CollectHeaders(response), body);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (FindExtractionException(ex) is { } refusal)
        {
            // The gateway's refusals may arrive wrapped (an HttpRequestException from a connect callback): keep their kind.
            throw refusal;
        }
        catch (TaskCanceledException ex)
        {
            throw new ExtractionException(ExtractionErrorKind.Network, $"the request to {request.Url} timed out", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new ExtractionException(ExtractionErrorKind.Network, $"the request to {request.Url} failed: {ex.Message}", ex);
        }
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw TooLarge(url, maxBytes);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(url, maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        buffer.Position = 0;
        using var reader = new StreamReader(buffer, CharsetOf(response), detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static ExtractionException TooLarge(Uri url, long maxBytes) =>
        new(ExtractionErrorKind.PluginFault, $"the response from {url} is larger than the script's limit of {maxBytes / 1024} KB");

    private static Encoding CharsetOf(HttpResponseMessage response)
    {
        var charset = response.Content.Headers.ContentType?.CharSet?.Trim('"', ' ');
        if (string.IsNullOrEmpty(charset))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static Dictionary<string, string> CollectHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            var key = name.ToLowerInvariant();
            var joined = string.Join(", ", values);
            headers[key] = headers.TryGetValue(key, out var earlier) ? earlier + ", " + joined : joined;
        }

        return headers;
    }

    private static ExtractionException? FindExtractionException(Exception ex)
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is ExtractionException extraction)
            {
                return extraction;
            }
        }

        return null;
    }
}
