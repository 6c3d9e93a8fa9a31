using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using VideoBot.Sdk.Extraction;
using VideoBot.Host.Media;

namespace VideoBot.Host.Downloading;

/// <summary>
/// Downloads an HLS stream itself: playlist and every segment through the gateway (so the address rules apply to each of them),
/// concatenated on disk, then remuxed to mp4 by ffmpeg reading only that local file.
/// </summary>
internal sealed class HlsDownloader(HttpClient client, FfmpegRemuxer remuxer, ILogger logger)
{
    private const int MaxPlaylistBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Downloads the stream, choosing from a master playlist the best variant whose estimated size fits. Returns null when the
    /// stream needs what this downloader doesn't do (encryption, audio as a separate rendition): the caller hands it to yt-dlp.
    /// </summary>
    public async Task<DownloadedFile?> DownloadAsync(DownloadRequest request, string directory, ProgressThrottle progress, CancellationToken cancellationToken)
    {
        var headers = request.Format.Headers;
        var url = request.Format.Url;
        var text = await HttpFetch.GetTextAsync(client, url, headers, MaxPlaylistBytes, cancellationToken);
        HlsMedia media;
        long? estimate;
        try
        {
            if (HlsPlaylist.IsMaster(text))
            {
                var chosen = await ChooseVariantAsync(HlsPlaylist.ParseMaster(text, url), request, cancellationToken);
                if (chosen is null)
                {
                    return null;
                }

                (media, estimate) = chosen.Value;
            }
            else
            {
                media = HlsPlaylist.ParseMedia(text, url);
                estimate = null;
            }
        }
        catch (FormatException e)
        {
            throw new ExtractionException(ExtractionErrorKind.SiteChanged, "The HLS playlist could not be read.", e);
        }

        if (media.Encrypted)
        {
            return null;
        }

        if (media.Segments.Count == 0)
        {
            throw new ExtractionException(ExtractionErrorKind.NoMedia, "The HLS playlist lists no segments.");
        }

        // Byte ranges give the exact size: refuse before downloading anything.
        if (media.Segments.All(s => s.Length is not null))
        {
            estimate = media.Segments.Sum(s => s.Length!.Value);
            if (estimate > request.MaxBytes)
            {
                throw new MediaTooLargeException(request.MaxBytes, estimate);
            }
        }

        var fragmented = media.InitSection is not null;
        var joined = TargetPath.For(directory, request.BaseName + "-segments", fragmented ? "m4s" : "ts");
        var output = TargetPath.For(directory, request.BaseName, "mp4");
        try
        {
            await FetchSegmentsAsync(media, joined, request, estimate, progress, cancellationToken);
            var downloaded = new FileInfo(joined).Length;
            progress.Report(downloaded, estimate, DownloadStage.Merging, force: true);
            await remuxer.RemuxAsync(joined, output, fragmented, cancellationToken);
            TargetPath.TryDelete(joined);

            var length = new FileInfo(output).Length;
            if (length > request.MaxBytes)
            {
                throw new MediaTooLargeException(request.MaxBytes, length);
            }

            return new DownloadedFile(output, length, "mp4");
        }
        catch
        {
            TargetPath.TryDelete(joined);
            TargetPath.TryDelete(output);
            throw;
        }
    }

    private async Task<(HlsMedia Media, long? Estimate)?> ChooseVariantAsync(IReadOnlyList<HlsVariant> variants, DownloadRequest request, CancellationToken cancellationToken)
    {
        if (variants.Count == 0)
        {
            throw new ExtractionException(ExtractionErrorKind.SiteChanged, "The HLS master playlist lists no variants.");
        }

        var ordered = variants.OrderByDescending(v => v.Bandwidth).ToList();

        // Every variant lasts as long as the others: one media playlist gives the duration for all the estimates. The smallest
        // variant's is read, as it is the likeliest choice under a tight budget.
        var probe = ordered[^1];
        var probed = await LoadMediaAsync(probe, request, cancellationToken);
        var seconds = probed.Duration.TotalSeconds;
        long? Estimate(HlsVariant v) => v.Bandwidth > 0 && seconds > 0 ? (long)(v.Bandwidth * seconds / 8) : null;

        // The best that fits; failing that the smallest, and the cap decides while downloading.
        var chosen = ordered.FirstOrDefault(v => Estimate(v) is { } e && e <= request.MaxBytes) ?? ordered[^1];
        DownloadLog.VariantChosen(logger, chosen.Bandwidth, Estimate(chosen), ordered.Count);
        if (chosen.SeparateAudio)
        {
            return null;
        }

        var media = ReferenceEquals(chosen, probe) ? probed : await LoadMediaAsync(chosen, request, cancellationToken);
        return (media, Estimate(chosen));
    }

    private async Task<HlsMedia> LoadMediaAsync(HlsVariant variant, DownloadRequest request, CancellationToken cancellationToken)
    {
        var text = await HttpFetch.GetTextAsync(client, variant.Url, request.Format.Headers, MaxPlaylistBytes, cancellationToken);
        return HlsPlaylist.ParseMedia(text, variant.Url);
    }

    private async Task FetchSegmentsAsync(HlsMedia media, string path, DownloadRequest request, long? estimate, ProgressThrottle progress, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, HttpFetch.BufferSize, useAsync: true);
        long written = 0;
        var parts = media.InitSection is { } init
            ? media.Segments.Prepend(new HlsSegment(init, 0, null, null))
            : media.Segments;
        foreach (var segment in parts)
        {
            var range = segment is { Length: { } length, Offset: { } offset } ? new RangeHeaderValue(offset, offset + length - 1) : null;
            using var response = await HttpFetch.GetAsync(client, segment.Url, request.Format.Headers, range, cancellationToken);
            written = await HttpFetch.CopyAsync(
                response.Content, file, written, request.MaxBytes, bytes => progress.Report(bytes, estimate),
                () => new MediaTooLargeException(request.MaxBytes, null), cancellationToken);
        }
    }
}
