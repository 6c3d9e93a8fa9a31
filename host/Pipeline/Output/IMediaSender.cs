namespace VideoBot.Host.Pipeline.Output;

/// <summary>
/// Sends a job's files to the user as replies: downloaded files, or files the messenger already holds (by file_id). What it
/// returns is what the cache keeps, so the next request for the link is answered without a download. A file_id the
/// messenger no longer accepts fails with <see cref="StaleFileIdException"/>, any other refusal with
/// <see cref="UploadRejectedException"/>.
/// </summary>
internal interface IMediaSender
{
    /// <summary>Sends <paramref name="files"/>, the caption (HTML) on the first message; returns the ids of what was stored.</summary>
    Task<IReadOnlyList<Caching.SentFile>> SendAsync(
        LinkRequest request, IReadOnlyList<OutgoingFile> files, string? captionHtml, CancellationToken cancellationToken);

    /// <summary>Shows that an upload of <paramref name="files"/> is under way ("sending video…") until the result is disposed.</summary>
    IAsyncDisposable ShowUploading(LinkRequest request, IReadOnlyList<OutgoingFile> files);
}
