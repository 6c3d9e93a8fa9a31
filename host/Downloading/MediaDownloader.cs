using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Network;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;
using VideoBot.Sdk.Media;
using VideoBot.Host.Media;

namespace VideoBot.Host.Downloading;

/// <summary>
/// Fetches one format to disk: plain files and HLS through the HTTP gateway (its address rules apply to every request),
/// DASH and delegated media through yt-dlp. Files are written only inside the request's folder, under our base name.
/// </summary>
internal sealed class MediaDownloader(
    IHttpGateway gateway, YtDlpEngine ytDlp, FfmpegClipper clipper, IOptions<YtDlpOptions> options, ILogger<MediaDownloader> logger)
    : IMediaDownloader
{
    public async Task<DownloadedFile> DownloadAsync(DownloadRequest request, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        TargetPath.ValidateBaseName(request.BaseName);
        if (request.MaxBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "MaxBytes must be positive.");
        }

        var directory = Path.GetFullPath(request.TargetDirectory);
        Directory.CreateDirectory(directory);
        var throttle = new ProgressThrottle(progress);

        if (request.Via is { } via)
        {
            return await ViaYtDlpAsync(request, via, SelectorFor(request.Format, request.MaxBytes), directory, progress, cancellationToken);
        }

        var scheme = request.Format.Url.Scheme;
        if (!request.Format.Url.IsAbsoluteUri || (scheme != Uri.UriSchemeHttp && scheme != Uri.UriSchemeHttps))
        {
            throw new ExtractionException(ExtractionErrorKind.UnsupportedUrl, "A media URL must be http or https.");
        }

        DownloadedFile file;
        switch (request.Format.Protocol)
        {
            case StreamProtocol.Http or StreamProtocol.Hls when request.Clip is { } clip:
                // ffmpeg reads only the part asked for (range requests, or the HLS segments that hold it).
                file = await clipper.CutAsync(request, clip, directory, throttle, cancellationToken);
                break;
            case StreamProtocol.Http:
                file = await new HttpFileDownloader(gateway.Host).DownloadAsync(request, directory, throttle, cancellationToken);
                break;
            case StreamProtocol.Hls:
                var remuxer = new FfmpegRemuxer(options.Value.FfmpegPath, TimeSpan.FromSeconds(options.Value.DownloadTimeoutSeconds), logger);
                file = await new HlsDownloader(gateway.Host, remuxer, logger).DownloadAsync(request, directory, throttle, cancellationToken)
                    ?? await ManifestViaYtDlpAsync(request, directory, progress, cancellationToken); // Encrypted, or separate audio.
                break;
            default:
                // DASH: yt-dlp reads the manifest and merges video and audio, through the egress proxy (see YtDlpEngine).
                file = await ManifestViaYtDlpAsync(request, directory, progress, cancellationToken);
                break;
        }

        DownloadLog.Finished(logger, file.Length, request.Format.Protocol.ToString(), file.Path);
        return file;
    }

    /// <summary>
    /// The yt-dlp selector for a format the plugin's <c>-J</c> listed: its id, plus the best audio when it is video-only (yt-dlp
    /// merges them), or a size-capped selector when the format has no id.
    /// </summary>
    internal static string SelectorFor(MediaFormat format, long maxBytes)
    {
        if (format.FormatId is not { Length: > 0 } id)
        {
            return FormatSelector.YtDlpFormatSpec(new FormatPreferences(maxBytes));
        }

        return format.HasVideo && !format.HasAudio ? $"{id}+ba[ext=m4a]/{id}+ba/{id}" : id;
    }

    private Task<DownloadedFile> ManifestViaYtDlpAsync(DownloadRequest request, string directory, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        // The manifest URL itself: yt-dlp's generic extractor only parses it (the URL is the host's choice, not a page's).
        var via = new YtDlpHandOver(new YtDlpRequest(request.Format.Url) { AllowGenericExtractor = true });
        var selector = FormatSelector.YtDlpFormatSpec(new FormatPreferences(request.MaxBytes));
        return ViaYtDlpAsync(request with { Via = via }, via, selector, directory, progress, cancellationToken, request.Format.Headers);
    }

    private Task<DownloadedFile> ViaYtDlpAsync(
        DownloadRequest request, YtDlpHandOver via, string selector, string directory, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? headers = null) =>
        ytDlp.DownloadAsync(
            new YtDlpDownload(via.Request, request.PluginId, selector, directory, request.BaseName, request.MaxBytes)
            {
                Headers = headers ?? new Dictionary<string, string>(),
                Section = request.Clip,
                Subtitles = request.Subtitles,
                // The description of this format's video, so yt-dlp does not extract the page again.
                Info = via.Info is { } info ? YtDlpInfoFile.For(info, request.Format.Url) : null,
            },
            progress,
            cancellationToken);
}
