using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Options;
using VideoBot.Host.Configuration;

namespace VideoBot.Host.Telegram.Pipeline;

/// <summary>
/// Makes an <c>.m4a</c> from a downloaded video when the user wants sound only and the site offered no audio-only format.
/// AAC is copied as is; any other codec is re-encoded to AAC, which every Telegram client plays.
/// </summary>
internal sealed class AudioExtractor(IOptions<YtDlpOptions> options)
{
    public async Task<string> ExtractAsync(string videoPath, string? audioCodec, CancellationToken cancellationToken)
    {
        var output = Path.Combine(Path.GetDirectoryName(videoPath)!, Path.GetFileNameWithoutExtension(videoPath) + ".audio.m4a");
        var copy = audioCodec is not null && audioCodec.StartsWith("mp4a", StringComparison.OrdinalIgnoreCase);
        string[] codec = copy ? ["-c:a", "copy"] : ["-c:a", "aac", "-b:a", "160k"];
        var result = await CliWrap.Cli.Wrap(options.Value.FfmpegPath)
            .WithArguments(["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", videoPath, "-vn", .. codec, output])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        if (result.ExitCode != 0 || !File.Exists(output))
        {
            throw new InvalidOperationException($"ffmpeg could not extract the sound (exit {result.ExitCode}): {result.StandardError.Trim()}");
        }

        return output;
    }
}
