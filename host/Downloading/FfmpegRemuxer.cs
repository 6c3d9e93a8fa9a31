using CliWrap;
using Microsoft.Extensions.Logging;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;

namespace VideoBot.Host.Downloading;

/// <summary>Remuxes a downloaded stream into mp4 with ffmpeg, without re-encoding and without touching the network.</summary>
internal sealed class FfmpegRemuxer(string ffmpegPath, TimeSpan timeLimit, ILogger logger)
{
    /// <summary>
    /// Copies the streams of <paramref name="input"/> (MPEG-TS, or fragmented mp4 when <paramref name="fragmentedMp4"/>) into
    /// <paramref name="output"/>. The input format is forced and only the <c>file</c> protocol is allowed: a downloaded "segment"
    /// that is really a playlist can neither make ffmpeg read other local files nor reach the network.
    /// </summary>
    /// <exception cref="ExtractionException"><see cref="ExtractionErrorKind.PluginFault"/> when ffmpeg is missing; <see cref="ExtractionErrorKind.SiteChanged"/> when it can't read the media.</exception>
    public async Task RemuxAsync(string input, string output, bool fragmentedMp4, CancellationToken cancellationToken)
    {
        var ffmpeg = ExecutableLocator.Resolve(ffmpegPath)
            ?? throw new ExtractionException(ExtractionErrorKind.PluginFault, $"ffmpeg was not found at '{ffmpegPath}': install it (scripts/setup.sh) or set YtDlp:FfmpegPath.");

        List<string> args =
        [
            "-hide_banner", "-nostdin", "-loglevel", "error",
            "-protocol_whitelist", "file",
            "-f", fragmentedMp4 ? "mp4" : "mpegts",
            "-i", Path.GetFullPath(input),
            "-map", "0:v?", "-map", "0:a?",
            "-c", "copy",
        ];
        if (!fragmentedMp4)
        {
            args.AddRange(["-bsf:a", "aac_adtstoasc"]); // ADTS AAC in TS must become MPEG-4 AAC in mp4.
        }

        args.AddRange(["-movflags", "+faststart", "-f", "mp4", "-y", Path.GetFullPath(output)]);

        var stderr = new System.Text.StringBuilder();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(timeLimit);
        CommandResult result;
        try
        {
            result = await global::CliWrap.Cli.Wrap(ffmpeg)
                .WithArguments(a => a.Add(args))
                .WithStandardInputPipe(PipeSource.Null)
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExtractionException(ExtractionErrorKind.Network, $"ffmpeg took longer than {(int)timeLimit.TotalSeconds} s and was stopped.");
        }

        if (result.ExitCode != 0)
        {
            var error = YtDlpFailure.Sanitize(stderr.ToString(), 500);
            DownloadLog.FfmpegFailed(logger, result.ExitCode, error);
            throw new ExtractionException(ExtractionErrorKind.SiteChanged, $"ffmpeg could not remux the stream (exit code {result.ExitCode}): {error}");
        }
    }
}
