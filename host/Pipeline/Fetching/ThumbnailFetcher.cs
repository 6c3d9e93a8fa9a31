using Microsoft.Extensions.Logging;
using VideoBot.Host.Network;

namespace VideoBot.Host.Pipeline.Fetching;

/// <summary>
/// Fetches a post's preview image for the upload, through the host's guarded HTTP client. Telegram takes only a JPEG of at
/// most 200 kB as a thumbnail; anything else is skipped (Telegram then makes its own).
/// </summary>
internal sealed class ThumbnailFetcher(IHttpGateway gateway, ILogger<ThumbnailFetcher> logger)
{
    private const int MaxBytes = 200 * 1024;

    public async Task<string?> FetchAsync(Uri url, string directory, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            using var response = await gateway.Host.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxBytes)
            {
                PipelineLog.ThumbnailSkipped(logger, null, url.AbsoluteUri);
                return null;
            }

            var buffer = new byte[MaxBytes + 1];
            var length = 0;
            await using (var body = await response.Content.ReadAsStreamAsync(timeout.Token))
            {
                int read;
                while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), timeout.Token)) > 0)
                {
                    length += read;
                }
            }

            // A JPEG starts with FF D8 FF, whatever the Content-Type says.
            if (length > MaxBytes || length < 3 || buffer[0] != 0xFF || buffer[1] != 0xD8 || buffer[2] != 0xFF)
            {
                PipelineLog.ThumbnailSkipped(logger, null, url.AbsoluteUri);
                return null;
            }

            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, "thumb.jpg");
            await File.WriteAllBytesAsync(path, buffer.AsMemory(0, length).ToArray(), cancellationToken);
            return path;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or Sdk.Extraction.ExtractionException
                                   && !cancellationToken.IsCancellationRequested)
        {
            PipelineLog.ThumbnailSkipped(logger, e, url.AbsoluteUri);
            return null;
        }
    }
}
