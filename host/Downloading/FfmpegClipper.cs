using System.Globalization;
using System.Text;
using CliWrap;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Network;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;
using VideoBot.Host.Media;

namespace VideoBot.Host.Downloading;

/// <summary>
/// Cuts a clip straight from an HTTP file or an HLS stream with ffmpeg: the input is seeked (<c>-ss</c> before <c>-i</c>), so
/// only the bytes or segments that hold the part are fetched. By default the streams are copied and the cut falls on the
/// keyframe at or before the start; a precise clip is re-encoded (H.264/AAC) to start and end exactly where asked.
/// </summary>
/// <remarks>
/// ffmpeg may speak only http(s) (and the TLS and AES layers under them), never <c>file:</c>, so a hostile playlist cannot make
/// it read local files. Unless <c>Network:AllowPrivateAddresses</c> is set it goes through the <see cref="EgressProxy"/>, which
/// applies the address rules to every connection, as for yt-dlp.
/// </remarks>
internal sealed class FfmpegClipper(IOptions<YtDlpOptions> options, IOptions<NetworkOptions> network, EgressProxy egress, ILogger<FfmpegClipper> logger)
{
    public async Task<DownloadedFile> CutAsync(
        DownloadRequest request, ClipRange clip, string directory, ProgressThrottle progress, CancellationToken cancellationToken)
    {
        var ffmpeg = ExecutableLocator.Resolve(options.Value.FfmpegPath)
            ?? throw new ExtractionException(ExtractionErrorKind.PluginFault, $"ffmpeg was not found at '{options.Value.FfmpegPath}': install it (scripts/setup.sh) or set YtDlp:FfmpegPath.");
        var output = TargetPath.For(directory, request.BaseName, "mp4");
        List<string> args = ["-hide_banner", "-nostdin", "-loglevel", "error", "-protocol_whitelist", "http,https,tcp,tls,crypto"];
        if (!network.Value.AllowPrivateAddresses)
        {
            args.AddRange(["-http_proxy", egress.Url.AbsoluteUri.TrimEnd('/')]);
        }

        var headers = string.Concat(YtDlpArguments.Headers(request.Format.Headers).Select(h => h.Replace(":", ": ", StringComparison.Ordinal) + "\r\n"));
        if (headers.Length > 0)
        {
            args.AddRange(["-headers", headers]);
        }

        args.AddRange(
        [
            "-ss", ClipRange.Seconds(clip.Start), "-t", ClipRange.Seconds(clip.Length),
            "-i", YtDlpArguments.ValidateUrl(request.Format.Url),
            "-map", "0:v?", "-map", "0:a?",
        ]);
        args.AddRange(clip.Precise
            ? ["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k"]
            : ["-c", "copy", "-avoid_negative_ts", "make_zero"]);
        // One byte over the cap is enough to know the clip does not fit; ffmpeg stops writing there.
        args.AddRange(["-fs", (request.MaxBytes + 1).ToString(CultureInfo.InvariantCulture), "-movflags", "+faststart", "-f", "mp4", "-y", output]);

        progress.Report(0, null, DownloadStage.Downloading, force: true);
        var stderr = new StringBuilder();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.DownloadTimeoutSeconds));
        try
        {
            var result = await global::CliWrap.Cli.Wrap(ffmpeg)
                .WithArguments(args)
                .WithStandardInputPipe(PipeSource.Null)
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(timeout.Token);
            var length = File.Exists(output) ? new FileInfo(output).Length : 0;
            if (length > request.MaxBytes)
            {
                throw new MediaTooLargeException(request.MaxBytes, null);
            }

            if (result.ExitCode != 0 || length == 0)
            {
                var error = YtDlpFailure.Sanitize(stderr.ToString(), 500);
                DownloadLog.FfmpegFailed(logger, result.ExitCode, error);
                throw new ExtractionException(ExtractionErrorKind.Network, $"ffmpeg could not cut the clip (exit code {result.ExitCode}): {error}");
            }

            progress.Report(length, length, force: true);
            return new DownloadedFile(output, length, "mp4");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            TargetPath.TryDelete(output);
            throw new ExtractionException(ExtractionErrorKind.Network, $"ffmpeg took longer than {options.Value.DownloadTimeoutSeconds} s to cut the clip and was stopped.");
        }
        catch
        {
            TargetPath.TryDelete(output);
            throw;
        }
    }
}
