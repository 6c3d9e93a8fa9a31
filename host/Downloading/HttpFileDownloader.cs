using VideoBot.Host.Media;

namespace VideoBot.Host.Downloading;

/// <summary>Streams one HTTP file to disk under the size cap.</summary>
internal sealed class HttpFileDownloader(HttpClient client)
{
    /// <summary>
    /// Downloads <see cref="DownloadRequest.Format"/> to <c>TargetDirectory/BaseName.ext</c>. The cap is checked against the
    /// Content-Length before a byte is read, and again while streaming (a server may lie or send no length).
    /// </summary>
    public async Task<DownloadedFile> DownloadAsync(DownloadRequest request, string directory, ProgressThrottle progress, CancellationToken cancellationToken)
    {
        using var response = await HttpFetch.GetAsync(client, request.Format.Url, request.Format.Headers, null, cancellationToken);
        var total = response.Content.Headers.ContentLength;
        if (total > request.MaxBytes)
        {
            throw new MediaTooLargeException(request.MaxBytes, total);
        }

        var container = Containers.Choose(response.Content.Headers.ContentType?.MediaType, request.Format.Container, request.Format.Url);
        var path = TargetPath.For(directory, request.BaseName, container);
        try
        {
            long length;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, HttpFetch.BufferSize, useAsync: true))
            {
                length = await HttpFetch.CopyAsync(
                    response.Content, file, 0, request.MaxBytes, bytes => progress.Report(bytes, total),
                    () => new MediaTooLargeException(request.MaxBytes, total), cancellationToken);
            }

            progress.Report(length, length, force: true);
            return new DownloadedFile(path, length, container);
        }
        catch
        {
            TargetPath.TryDelete(path);
            throw;
        }
    }
}
