using System.Globalization;
using System.Text;
using CliWrap;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;
using VideoBot.Host.Downloading;
using VideoBot.Host.YtDlp;
using VideoBot.Sdk.Extraction;
using VideoBot.Host.Media;

namespace VideoBot.Host.Splitting;

/// <summary>One playable piece of a split video.</summary>
internal sealed record VideoPart(string Path, long Length, TimeSpan Duration);

/// <summary>
/// Cuts a video that is over the upload limit into playable mp4 parts under it, with ffmpeg's segment muxer and stream copy
/// (no re-encoding), so every cut falls on a keyframe. The part length is sized from the bitrate with a margin; every part is
/// measured afterwards, and one still over the limit (a long stretch without a keyframe) is split again on its own.
/// </summary>
internal sealed class VideoSplitter(IOptions<YtDlpOptions> options, ILogger<VideoSplitter> logger)
{
    /// <summary>Parts aim at this share of the limit: bitrates vary along a video.</summary>
    private const double Margin = 0.85;

    /// <summary>How many times a part that came out too large is split again before giving up.</summary>
    private const int MaxRounds = 3;

    /// <summary>The parts of <paramref name="path"/>, in order, each at most <paramref name="limit"/> bytes.</summary>
    /// <exception cref="MediaTooLargeException">It would take more than <paramref name="maxParts"/> parts, or a part cannot be made small enough.</exception>
    public async Task<IReadOnlyList<VideoPart>> SplitAsync(string path, long limit, int maxParts, CancellationToken cancellationToken)
    {
        var size = new FileInfo(path).Length;
        if (size <= limit)
        {
            return [new VideoPart(path, size, await DurationAsync(path, cancellationToken))];
        }

        if (size > limit * (long)maxParts)
        {
            throw new MediaTooLargeException(limit * maxParts, size);
        }

        var parts = await SplitRoundAsync(path, limit, 1, cancellationToken);
        if (parts.Count > maxParts)
        {
            throw new MediaTooLargeException(limit * maxParts, size);
        }

        return parts;
    }

    private async Task<List<VideoPart>> SplitRoundAsync(string path, long limit, int round, CancellationToken cancellationToken)
    {
        var size = new FileInfo(path).Length;
        var duration = await DurationAsync(path, cancellationToken);
        var count = (int)Math.Ceiling(size / (limit * Margin));
        var seconds = Math.Max(0.5, duration.TotalSeconds / count);
        var pieces = await SegmentAsync(path, seconds, cancellationToken);
        if (pieces.Count < 2 && size > limit)
        {
            // No keyframe to cut at: this stretch cannot be sent within the limit.
            throw new MediaTooLargeException(limit, size);
        }

        var result = new List<VideoPart>(pieces.Count);
        foreach (var piece in pieces)
        {
            if (piece.Length <= limit)
            {
                result.Add(piece);
                continue;
            }

            if (round >= MaxRounds)
            {
                throw new MediaTooLargeException(limit, piece.Length);
            }

            SplitLog.Resplit(logger, piece.Length, limit);
            result.AddRange(await SplitRoundAsync(piece.Path, limit, round + 1, cancellationToken));
            File.Delete(piece.Path);
        }

        return result;
    }

    /// <summary>Runs the segment muxer; the parts go beside the input as <c>NAME.pNNN.mp4</c>, listed with their times.</summary>
    private async Task<List<VideoPart>> SegmentAsync(string path, double seconds, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        var stem = Path.GetFileNameWithoutExtension(path).Replace('.', '_');
        var list = Path.Combine(directory, stem + "-parts.csv");
        var pattern = Path.Combine(directory, stem + "-p%03d.mp4");
        await RunAsync(
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-protocol_whitelist", "file",
            "-i", path, "-map", "0:v?", "-map", "0:a?", "-c", "copy",
            "-f", "segment", "-segment_time", seconds.ToString("0.###", CultureInfo.InvariantCulture),
            "-reset_timestamps", "1", "-segment_format", "mp4", "-segment_format_options", "movflags=+faststart",
            "-segment_list", list, "-segment_list_type", "csv", "-y", pattern,
        ], cancellationToken);

        var parts = new List<VideoPart>();
        foreach (var line in await File.ReadAllLinesAsync(list, cancellationToken))
        {
            // name,start,end: the name is ours (the pattern above), written by ffmpeg without a path.
            var fields = line.Split(',');
            if (fields.Length < 3)
            {
                continue;
            }

            var part = Path.Combine(directory, Path.GetFileName(fields[0].Trim('"')));
            var start = double.Parse(fields[1], CultureInfo.InvariantCulture);
            var end = double.Parse(fields[2], CultureInfo.InvariantCulture);
            parts.Add(new VideoPart(part, new FileInfo(part).Length, TimeSpan.FromSeconds(Math.Max(0, end - start))));
        }

        File.Delete(list);
        return parts;
    }

    /// <summary>The container's duration, as ffprobe reads it.</summary>
    private async Task<TimeSpan> DurationAsync(string path, CancellationToken cancellationToken)
    {
        var ffprobe = Ffprobe() ?? throw new ExtractionException(ExtractionErrorKind.PluginFault, "ffprobe was not found beside ffmpeg: install ffmpeg (scripts/setup.sh).");
        var stdout = new StringBuilder();
        var result = await global::CliWrap.Cli.Wrap(ffprobe)
            .WithArguments(["-v", "error", "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", path])
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdout))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken);
        return result.ExitCode == 0 && double.TryParse(stdout.ToString().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new ExtractionException(ExtractionErrorKind.SiteChanged, "ffprobe could not read the video's duration.");
    }

    private async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var ffmpeg = ExecutableLocator.Resolve(options.Value.FfmpegPath)
            ?? throw new ExtractionException(ExtractionErrorKind.PluginFault, $"ffmpeg was not found at '{options.Value.FfmpegPath}'.");
        var stderr = new StringBuilder();
        var result = await global::CliWrap.Cli.Wrap(ffmpeg)
            .WithArguments(args)
            .WithStandardInputPipe(PipeSource.Null)
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            var error = YtDlpFailure.Sanitize(stderr.ToString(), 500);
            DownloadLog.FfmpegFailed(logger, result.ExitCode, error);
            throw new ExtractionException(ExtractionErrorKind.SiteChanged, $"ffmpeg could not split the video (exit code {result.ExitCode}): {error}");
        }
    }

    /// <summary>ffprobe from the same folder as the configured ffmpeg, else from the PATH.</summary>
    private string? Ffprobe()
    {
        var ffmpeg = ExecutableLocator.Resolve(options.Value.FfmpegPath);
        if (ffmpeg is not null && Path.GetDirectoryName(ffmpeg) is { Length: > 0 } folder)
        {
            var beside = Path.Combine(folder, "ffprobe");
            if (File.Exists(beside))
            {
                return beside;
            }
        }

        return ExecutableLocator.Resolve("ffprobe");
    }
}

internal static partial class SplitLog
{
    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "A part of {Bytes} bytes is over the {Limit} byte limit: splitting it again")]
    public static partial void Resplit(ILogger logger, long bytes, long limit);
}
